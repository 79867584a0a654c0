from . import don_share_wizard
from . import don_meeting_approve_wizard
from . import don_kernteam_replan_wizard
from . import don_emergency_access_wizard
