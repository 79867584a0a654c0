from . import don_share_wizard
