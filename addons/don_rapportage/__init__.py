from . import models


def post_init_hook(env):
    """Users who already hold the Rapportage role (created before this addon)
    get its home action, the reporting dashboard."""
    group = env.ref("don_core.group_don_reporting")
    env["res.users"].with_context(active_test=False).search(
        [("groups_id", "in", group.ids)]
    )._don_apply_home_action()
