from . import test_access_matrix
from . import test_access_relation
from . import test_leak_channels
from . import test_bad_input
from . import test_access_log
from . import test_performance
from . import test_ui
from . import test_kernteam
