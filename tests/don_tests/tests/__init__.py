from . import test_demo_users
from . import test_deny_by_default
