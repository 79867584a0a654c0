from . import test_network_suggestions
