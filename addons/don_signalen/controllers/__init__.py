from . import main
from . import quick
