from . import don_meeting_report
from . import don_privacy_report
from . import don_timeline_report
from . import don_case_plan_report
