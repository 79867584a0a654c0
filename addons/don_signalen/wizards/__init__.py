from . import don_signal_handle_wizard
from . import don_signal_bundle_wizard
