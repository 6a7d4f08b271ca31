"""A daily rotating log file that several processes (gunicorn workers, the task worker) can share.

The standard TimedRotatingFileHandler assumes one writer: the second process to roll over
would delete the file the first one had just rotated. Here, a process that finds the day's
file already rotated by another simply reopens the current file.
"""

import os
import time
from logging.handlers import TimedRotatingFileHandler


class SharedTimedRotatingFileHandler(TimedRotatingFileHandler):
    def rotated_name(self):
        moment = self.rolloverAt - self.interval
        stamp = time.gmtime(moment) if self.utc else time.localtime(moment)
        return self.rotation_filename(f"{self.baseFilename}.{time.strftime(self.suffix, stamp)}")

    def doRollover(self):
        if not os.path.exists(self.rotated_name()):
            super().doRollover()
            return
        if self.stream:
            self.stream.close()
        self.stream = self._open()
        now = int(time.time())
        rollover_at = self.computeRollover(now)
        while rollover_at <= now:
            rollover_at += self.interval
        self.rolloverAt = rollover_at
