from . import test_privacy_signals
