"""Template context every public page needs: display modes (长者模式, mourning, print)."""

from .models import MourningPeriod

ELDER_MODE_COOKIE = "elder_mode"


def display_modes(request):
    return {
        "elder_mode": request.COOKIES.get(ELDER_MODE_COOKIE) == "1",
        "mourning": MourningPeriod.in_force(),
        "print_view": request.GET.get("print") == "1",
    }
