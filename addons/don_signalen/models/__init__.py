from . import don_signal_channel
from . import don_signal_category
from . import don_indicator
from . import don_signal
from . import don_access
from . import res_partner
from . import don_signal_privacy
from . import don_youth
