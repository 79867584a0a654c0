from . import attachment
from . import binary
from . import thread
