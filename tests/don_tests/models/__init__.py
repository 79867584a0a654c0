from . import don_test_secured
from . import don_test_secured_grant
