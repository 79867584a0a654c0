from . import attachment
from . import binary
