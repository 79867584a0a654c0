from . import don_meeting_report
