from . import don_signal_handle_wizard
from . import don_signal_bundle_wizard
from . import don_match_close_wizard
