from . import test_access_matrix
from . import test_leak_channels
from . import test_workflow
from . import test_duplicates
from . import test_intake
from . import test_mail_alias
from . import test_ui
