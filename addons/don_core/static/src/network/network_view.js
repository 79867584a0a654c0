/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, onMounted, onWillStart, useState } from "@odoo/owl";
import { DateTimeInput } from "@web/core/datetime/datetime_input";
import { _t } from "@web/core/l10n/translation";
import { deserializeDate, formatDate, serializeDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/core/utils/numbers";
import { Layout } from "@web/search/layout";
import { forceLayout } from "./network_layout";

export const TYPE_COLORS = {
    family: "#1f77b4",
    friendship: "#2ca02c",
    recruiter: "#d62728",
    found_together: "#ff7f0e",
    member: "#9467bd",
    other: "#7f7f7f",
};
const COMMUNITY_COLORS = [
    "#cfe2ff", "#d1e7dd", "#fff3cd", "#f8d7da", "#e2d9f3",
    "#d2f4ea", "#ffe5d0", "#e9ecef", "#f7d6e6", "#cff4fc",
];
const WIDTH = 900;
const HEIGHT = 620;

function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The network of one young person or group: an SVG drawing of the relations
 * the user may see, to a chosen depth and as of a date, with the key figures
 * (degree, betweenness, communities) computed on the server.
 */
export class DonNetworkView extends Component {
    static template = "don_core.NetworkView";
    static components = { DateTimeInput, Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        const params = this.props.action.params || {};
        const context = this.props.action.context || {};
        // After a reload of the page the start node comes back from the URL
        // (as text), where onMounted put it.
        this.nodeModel = params.node_model || context.node_model;
        this.nodeId = parseInt(params.node_id || context.node_id) || false;
        this.width = WIDTH;
        this.height = HEIGHT;
        this.state = useState({
            depth: 2,
            asOf: today(),
            allPeriods: false,
            data: null,
            positions: {},
            hover: null,
        });
        onWillStart(() => this.load());
        onMounted(() => {
            if (this.nodeModel && this.nodeId && this.props.updateActionState) {
                this.props.updateActionState({ node_model: this.nodeModel, node_id: this.nodeId });
            }
        });
    }

    async load() {
        if (!this.nodeModel || !this.nodeId) {
            this.state.data = null;
            return;
        }
        const data = await this.orm.call("don.network.relation", "get_network", [
            this.nodeModel,
            this.nodeId,
            this.state.depth,
            this.state.allPeriods ? false : this.state.asOf,
        ]);
        this.state.positions = forceLayout(data.nodes, data.edges, {
            width: WIDTH,
            height: HEIGHT,
        });
        this.state.data = data;
    }

    get rootName() {
        return (this.state.data?.nodes || []).find((node) => node.is_root)?.name || "";
    }

    get typeColors() {
        return TYPE_COLORS;
    }

    get legend() {
        const used = new Set((this.state.data?.edges || []).map((edge) => edge.type));
        return (this.state.data?.types || []).map((type) => ({
            ...type,
            color: TYPE_COLORS[type.value] || TYPE_COLORS.other,
            used: used.has(type.value),
        }));
    }

    get nodesByBetweenness() {
        const nodes = [...(this.state.data?.nodes || [])];
        return nodes.sort(
            (a, b) => b.betweenness - a.betweenness || b.degree - a.degree || a.name.localeCompare(b.name)
        );
    }

    get maxBetweenness() {
        return Math.max(0, ...(this.state.data?.nodes || []).map((n) => n.betweenness_norm));
    }

    nodeRadius(node) {
        const max = this.maxBetweenness;
        const share = max > 0 ? node.betweenness_norm / max : 0;
        return 9 + 14 * Math.sqrt(share);
    }

    nodeFill(node) {
        return COMMUNITY_COLORS[node.community % COMMUNITY_COLORS.length];
    }

    edgeColor(edge) {
        return TYPE_COLORS[edge.type] || TYPE_COLORS.other;
    }

    edgeLine(edge) {
        const a = this.state.positions[edge.source];
        const b = this.state.positions[edge.target];
        if (!a || !b) {
            return null;
        }
        // Stop a directed edge at the border of its target, for the arrow.
        const target = this.state.data.nodes.find((node) => node.id === edge.target);
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const cut = edge.directed && target ? this.nodeRadius(target) + 3 : 0;
        return { x1: a.x, y1: a.y, x2: b.x - (dx / len) * cut, y2: b.y - (dy / len) * cut };
    }

    edgeTitle(edge) {
        const period = [edge.date_from, edge.date_to]
            .map((value) => (value ? formatDate(deserializeDate(value)) : "…"))
            .join(" – ");
        return `${edge.type_label} (${period}) · ${edge.info_source} · ${edge.reliability}`;
    }

    nodePosition(node) {
        return this.state.positions[node.id] || { x: 0, y: 0 };
    }

    formatNumber(value) {
        // In the user's language: 0,21 and 36,50 for a Dutch user.
        return Number.isInteger(value) ? String(value) : formatFloat(value, { digits: [false, 2] });
    }

    get asOfDate() {
        return deserializeDate(this.state.asOf);
    }

    async onAsOfChange(value) {
        if (!value) {
            return;
        }
        this.state.asOf = serializeDate(value);
        await this.load();
    }

    async onDepthChange(ev) {
        this.state.depth = parseInt(ev.target.value, 10) || 1;
        await this.load();
    }

    async onAllPeriodsChange(ev) {
        this.state.allPeriods = ev.target.checked;
        await this.load();
    }

    async openNode(node) {
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: node.model,
            res_id: node.res_id,
            views: [[false, "form"]],
            target: "current",
            name: node.name,
        });
    }

    get emptyText() {
        return _t("No relations you may see for this period.");
    }
}

registry.category("actions").add("don_core.network", DonNetworkView);
