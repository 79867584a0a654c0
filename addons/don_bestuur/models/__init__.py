# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import don_gezag_measure_type
from . import don_gezag_measure
from . import don_access_log
from . import don_case
from . import don_driehoek_meeting
from . import don_driehoek_decision
from . import don_period_report
from . import don_project_goal
from . import don_report_goal
from . import don_funding_source
from . import don_funding_deadline
from . import don_budget_line
from . import don_budget_entry
from . import don_period_theme
from . import don_project_plan
from . import don_project_plan_role
from . import don_evaluation
from . import project_project
from . import res_users
from . import ir_ui_menu
