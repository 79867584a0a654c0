from . import don_meeting_report
from . import don_privacy_report
