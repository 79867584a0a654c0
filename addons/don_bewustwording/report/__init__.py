from . import don_awareness_org_report
from . import don_campaign_reach_report
from . import report_signal_card
