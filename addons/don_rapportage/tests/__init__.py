from . import test_suppression
from . import test_period_report
from . import test_access
from . import test_ui
from . import test_awareness
from . import test_reports_say_something
from . import test_company_cells
