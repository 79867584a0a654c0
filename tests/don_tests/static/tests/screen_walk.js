/* Screen walk of the DON menus, run by test_screen_walk.py through
 * HttpCase.browser_js (not an asset: the test reads this file and replaces
 * __DON_WALK_CFG__ by its configuration).
 *
 * For the logged-in role: open every DON menu entry the role is offered,
 * then the first record's form (with each notebook page), and collect the
 * problems a person would see:
 *   - visible text equal to an English source string of the DON addons that
 *     has a Dutch translation,
 *   - an error dialog (access error, missing record, ...) or an action that
 *     fails,
 *   - an empty action: nothing to see and nothing to create.
 * Console errors fail the test by themselves (browser_js).
 * All problems are handed to the test together at the end.
 */
(async function donScreenWalk() {
    const cfg = __DON_WALK_CFG__;
    const english = new Set(cfg.english);
    const problems = [];
    const visited = [];
    const deepDone = [];
    const root = odoo.__WOWL_DEBUG__.root;
    const env = root.env;
    const { rpcBus } = odoo.loader.modules.get("@web/core/network/rpc");
    const pending = new Set();
    rpcBus.addEventListener("RPC:REQUEST", (ev) => pending.add(ev.detail.data.id));
    rpcBus.addEventListener("RPC:RESPONSE", (ev) => pending.delete(ev.detail.data.id));

    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

    async function settle(timeout = 15000) {
        // No pending RPC and no DOM change for a moment.
        const start = Date.now();
        let last = Date.now();
        const observer = new MutationObserver(() => (last = Date.now()));
        observer.observe(document.body, {
            subtree: true,
            childList: true,
            characterData: true,
        });
        while (Date.now() - start < timeout) {
            await sleep(20);
            if (!pending.size && Date.now() - last > 50) {
                break;
            }
        }
        observer.disconnect();
    }

    function isVisible(el) {
        if (!el || !el.getClientRects().length) {
            return false;
        }
        return getComputedStyle(el).visibility !== "hidden";
    }

    function visibleTexts() {
        const texts = new Set();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const text = node.nodeValue.replace(/\s+/g, " ").trim();
            if (!text) {
                continue;
            }
            const el = node.parentElement;
            if (!el || el.closest("script, style, template, option, .o_debug_manager")) {
                continue;
            }
            if (isVisible(el)) {
                texts.add(text);
            }
        }
        for (const el of document.querySelectorAll("[placeholder], [title], [aria-label]")) {
            if (isVisible(el)) {
                for (const attr of ["placeholder", "title"]) {
                    const value = (el.getAttribute(attr) || "").trim();
                    if (value) {
                        texts.add(value);
                    }
                }
            }
        }
        // A selection shows all its options when opened.
        for (const select of document.querySelectorAll("select")) {
            if (isVisible(select)) {
                for (const option of select.options) {
                    texts.add(option.textContent.replace(/\s+/g, " ").trim());
                }
            }
        }
        return texts;
    }

    function englishIn(text) {
        const found = [];
        if (english.has(text)) {
            found.push(text);
        }
        // "<model description> aangemaakt" and similar chatter lines.
        const created = text.match(/^(.+?) (aangemaakt|gewijzigd|verwijderd)$/);
        if (created && english.has(created[1])) {
            found.push(text);
        }
        for (const part of text.split(/ [/:•·-] |: /)) {
            if (part !== text && english.has(part.trim())) {
                found.push(part.trim());
            }
        }
        return found;
    }

    function check(where) {
        const dialog = document.querySelector(".o_error_dialog");
        if (dialog) {
            const message = dialog.textContent.replace(/\s+/g, " ").trim().slice(0, 300);
            problems.push(`${where}: error dialog: ${message}`);
            for (const button of document.querySelectorAll(".modal .btn-close, .modal .o-default-button")) {
                button.click();
            }
        }
        const seen = new Set();
        for (const text of visibleTexts()) {
            for (const found of englishIn(text)) {
                if (!seen.has(found)) {
                    seen.add(found);
                    problems.push(`${where}: English text "${found}"`);
                }
            }
        }
    }

    async function closeDialogs() {
        for (let i = 0; i < 5; i++) {
            const close = document.querySelector(".modal .btn-close");
            if (!close) {
                break;
            }
            close.click();
            await settle();
        }
    }

    async function shot(name) {
        if (cfg.shots && cfg.shots.includes(name)) {
            // The test saves a screenshot when it reads this line.
            console.log(`don-shot:${cfg.size}:${name}`);
            await sleep(1200);
        }
    }

    async function openFirstRecord(where, menuXmlid, deep) {
        if (document.querySelector(".o_view_sample_data")) {
            // Sample rows of an empty view are not records.
            return;
        }
        const row = document.querySelector(
            ".o_list_renderer .o_data_row td.o_data_cell:not(.o_list_button):not(.o_boolean_toggle_cell)"
        );
        const card = document.querySelector(
            ".o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost):not(.o_kanban_quick_create)"
        );
        const target = row || card;
        if (!target) {
            return;
        }
        target.click();
        await settle();
        const formWhere = `${where} > eerste record`;
        check(formWhere);
        if (!document.querySelector(".o_form_view")) {
            return;
        }
        await shot(`${menuXmlid}.form`);
        if (deep) {
            // Every page of the notebook: the Cijfers tab, the minutes, ...
            const tabs = [...document.querySelectorAll(".o_notebook_headers .nav-link")];
            for (const tab of tabs.slice(1)) {
                if (isVisible(tab)) {
                    tab.click();
                    await settle();
                    check(`${formWhere} > tab ${tab.textContent.trim()}`);
                }
            }
        }
        // Leave the form without saving anything.
        const discard = document.querySelector(".o_form_button_cancel");
        if (discard && isVisible(discard)) {
            discard.click();
            await settle();
        }
    }

    function isEmptyAction() {
        const noContent = document.querySelector(".o_view_nocontent");
        if (!noContent || !isVisible(noContent)) {
            return false;
        }
        const create = document.querySelector(
            ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add, .o_control_panel button.o-kanban-button-new"
        );
        return !(create && isVisible(create));
    }

    const menuService = env.services.menu;
    const donRoot = menuService.getApps().find((app) => app.xmlid === "don_core.menu_don_root");
    if (!donRoot) {
        console.error(`DON screen walk (${cfg.login}, ${cfg.size}): no DON app in the menus`);
        return;
    }
    // The home action: loaded after the web client is ready.
    for (let i = 0; i < 200 && !env.services.action.currentController; i++) {
        await sleep(50);
    }
    await settle();
    const landing = env.services.action.currentController;
    const landingAction = (landing && landing.action) || {};
    const landingInfo = {
        xml_id: landingAction.xml_id || false,
        res_model: landingAction.res_model || false,
        tag: landingAction.tag || false,
    };
    check(`${cfg.login} startscherm`);
    await shot("landing");

    const leaves = [];
    (function collect(menu, path) {
        const tree = menuService.getMenuAsTree(menu.id);
        for (const child of tree.childrenTree) {
            const childPath = [...path, child.name];
            if (child.actionID) {
                leaves.push({ menu: child, path: childPath });
            }
            if (child.childrenTree && child.childrenTree.length) {
                collect(child, childPath);
            }
        }
    })(donRoot, ["DON"]);

    for (const { menu, path } of leaves) {
        const where = `${cfg.login} ${cfg.size} ${path.join(" > ")}`;
        if ((menu.actionModel || "").match(/act_url|ir\.actions\.report/) || cfg.skip.includes(menu.xmlid)) {
            continue;
        }
        if (cfg.only_shots && !cfg.shots.some((name) => name.split(".form")[0] === menu.xmlid)) {
            continue;
        }
        console.log(`don-walk: ${where}`);
        visited.push(menu.xmlid);
        try {
            await menuService.selectMenu(menu);
        } catch (error) {
            problems.push(`${where}: the action fails: ${error && (error.message || error.data?.message)}`);
            await settle();
            await closeDialogs();
            continue;
        }
        await settle();
        const inDialog = document.querySelector(".modal .o_form_view, .modal .o_list_view");
        check(where);
        if (inDialog) {
            await shot(menu.xmlid);
            await closeDialogs();
            continue;
        }
        if (isEmptyAction() && !cfg.empty_queues.includes(menu.xmlid)) {
            problems.push(`${where}: empty action (nothing to see, nothing to create)`);
        }
        // Filters and notebook pages: once per menu entry over all walks.
        const deep = cfg.size === "desktop" && !cfg.deep_done.includes(menu.xmlid);
        if (deep) {
            deepDone.push(menu.xmlid);
            const toggler = document.querySelector(".o_searchview_dropdown_toggler");
            if (toggler && isVisible(toggler)) {
                toggler.click();
                await settle();
                check(`${where} > filters`);
                toggler.click();
                await settle();
            }
        }
        await shot(menu.xmlid);
        if (cfg.forms || cfg.shots.includes(`${menu.xmlid}.form`)) {
            await openFirstRecord(where, menu.xmlid, deep);
        }
        await closeDialogs();
    }
    // The test judges the problems (and fails with all of them at once).
    console.log(`don-walk-result:${JSON.stringify({ landing: landingInfo, visited, deepDone, problems })}`);
    console.log("test successful");
})();
