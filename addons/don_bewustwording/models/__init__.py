from . import don_campaign
from . import don_signal_card
from . import don_signal_card_line
from . import event_event
from . import res_partner
from . import res_config_settings
