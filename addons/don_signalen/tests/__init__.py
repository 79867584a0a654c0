from . import test_network_suggestions
from . import test_privacy_signals
from . import test_privacy_network
