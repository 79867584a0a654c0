from . import test_signal_card
from . import test_refresher
from . import test_reach
from . import test_access
from . import test_report
from . import test_ui
from . import test_views
