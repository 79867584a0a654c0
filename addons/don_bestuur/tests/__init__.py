# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_gezag_access
from . import test_gezag_flow
from . import test_driehoek
from . import test_goals
from . import test_ui
from . import test_budget
from . import test_themes
from . import test_period_report_mayor
from . import test_project_plan
