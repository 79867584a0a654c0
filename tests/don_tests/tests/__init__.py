from . import test_demo_users
from . import test_deny_by_default
from . import test_access_declaration
from . import test_prints
from . import test_screen_walk
from . import test_screens_dutch
from . import test_access_log_channels
