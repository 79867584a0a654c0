/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { formatInteger } from "@web/views/fields/formatters";
import { graphView } from "@web/views/graph/graph_view";
import { GraphModel } from "@web/views/graph/graph_model";
import { pivotView } from "@web/views/pivot/pivot_view";
import { PivotModel } from "@web/views/pivot/pivot_model";
import { PivotRenderer } from "@web/views/pivot/pivot_renderer";

/**
 * The pivot and graph views of the anonymised report cubes.
 *
 * A suppressed cell publishes 0 in "figure" and counts 1 in
 * "suppressed_cells" (see models/don_report_cube.py). Shown as a plain
 * number, a suppressed cell and every total made of suppressed cells would
 * read 0 while people are counted in them. These views read the suppressed
 * cells with every figure and show the figure as the period report and the
 * dashboard do: "<5" for one suppressed cell below the threshold, "≥5" for
 * one of the threshold or more (suppressed to protect a smaller one, counted
 * in "extra_cells"), "3 × <5" for three of them, "2 × <5 + 1 × ≥5" for both
 * kinds, "≥ 12" when suppressed cells are part of a published 12. Nothing
 * more is read than the user may read already (the published measures).
 *
 * In comparison mode (compare with the previous period), a variation is
 * computed from the published figures: where either side has suppressed
 * cells, those are 0s that count people, so no variation is shown ("—").
 */

const FIGURE = "figure";
const SUPPRESSED = "suppressed_cells";
const EXTRA = "extra_cells";
/** What a variation reads when suppressed cells are on either side. */
export const NO_VARIATION = "—";

/**
 * The shown figure, from the published value, the suppressed cells and how
 * many of them are of the threshold or more ("extra").
 */
export function formatDonFigure(value, suppressed, threshold, extra = 0) {
    if (!suppressed) {
        return formatInteger(value || 0);
    }
    if (!value) {
        const parts = [];
        for (const [count, sign] of [
            [suppressed - extra, "<"],
            [extra, "≥"],
        ]) {
            if (count === 1 && suppressed === 1) {
                parts.push(`${sign}${threshold}`);
            } else if (count) {
                parts.push(`${formatInteger(count)} × ${sign}${threshold}`);
            }
        }
        return parts.join(" + ");
    }
    return `≥ ${formatInteger(value)}`;
}

async function loadThreshold(model, resModel) {
    if (model.donThreshold === undefined) {
        // Not through the model's orm: with sample data it answers from the
        // sample server, which does not know this method.
        model.donThreshold = await rpc(`/web/dataset/call_kw/${resModel}/don_small_number_threshold`, {
            model: resModel,
            method: "don_small_number_threshold",
            args: [],
            kwargs: {},
        });
    }
    return model.donThreshold;
}

export class DonReportPivotModel extends PivotModel {
    async load(searchParams) {
        await loadThreshold(this, this.metaData.resModel);
        return super.load(searchParams);
    }

    /** The suppressed cells are read with the figure, shown or not. */
    _getMeasureSpecs(config) {
        const specs = super._getMeasureSpecs(config);
        const { activeMeasures, fields } = config.metaData;
        if (
            activeMeasures.includes(FIGURE) &&
            !activeMeasures.includes(SUPPRESSED) &&
            SUPPRESSED in fields
        ) {
            specs.push(`${SUPPRESSED}:sum`);
        }
        if (
            activeMeasures.includes(FIGURE) &&
            !activeMeasures.includes(EXTRA) &&
            EXTRA in fields
        ) {
            specs.push(`${EXTRA}:sum`);
        }
        return specs;
    }

    _getMeasurements(group, config) {
        const measurements = super._getMeasurements(group, config);
        measurements.__don_suppressed = group[SUPPRESSED] || 0;
        measurements.__don_extra = group[EXTRA] || 0;
        return measurements;
    }

    /**
     * A variation (comparison mode) of the figure is not computed where
     * either period has suppressed cells: their published 0s count people.
     */
    _getCellValue(groupId, measure, originIndexes, config) {
        if (measure === FIGURE && originIndexes.length > 1) {
            const measurements = config.data.measurements[JSON.stringify(groupId)];
            if (
                measurements &&
                originIndexes.some((index) => measurements[index]?.__don_suppressed)
            ) {
                return NaN;
            }
        }
        return super._getCellValue(groupId, measure, originIndexes, config);
    }

    /** The measurements of the origin behind a cell of the table. */
    _donMeasurements(cell) {
        if (cell.measure !== FIGURE || cell.originIndexes.length !== 1) {
            return undefined;
        }
        const measurements = this.data.measurements[JSON.stringify(cell.groupId)];
        return measurements && measurements[cell.originIndexes[0]];
    }

    /** The number of suppressed cells behind a cell of the table. */
    donSuppressed(cell) {
        return this._donMeasurements(cell)?.__don_suppressed || 0;
    }

    /** Of those, the cells of the threshold or more. */
    donExtra(cell) {
        return this._donMeasurements(cell)?.__don_extra || 0;
    }

    /**
     * The figure a cell of the table shows when suppressed cells are in it
     * ("<5", "≥5", "3 × <5", "≥ 12"), or a variation that is not computed
     * ("—"), undefined when it is a plain number.
     */
    donShownFigure(cell) {
        if (cell.measure === FIGURE && cell.originIndexes.length > 1 && Number.isNaN(cell.value)) {
            return NO_VARIATION;
        }
        const suppressed = this.donSuppressed(cell);
        if (suppressed) {
            return formatDonFigure(cell.value, suppressed, this.donThreshold, this.donExtra(cell));
        }
        return undefined;
    }

    /**
     * The table posted to /web/pivot/export_xlsx ("Download xlsx"): a cell
     * with suppressed cells in it reads in the file what it reads on the
     * screen, never its published 0 (or a total without its suppressed
     * cells). The rows of the export are the rows of getTable(), in order.
     */
    exportData() {
        const data = super.exportData();
        const rows = this.getTable().rows;
        rows.forEach((row, rowIndex) => {
            row.subGroupMeasurements.forEach((cell, cellIndex) => {
                const shown = this.donShownFigure(cell);
                if (shown !== undefined) {
                    data.rows[rowIndex].values[cellIndex].value = shown;
                }
            });
        });
        return data;
    }
}

export class DonReportPivotRenderer extends PivotRenderer {
    getFormattedValue(cell) {
        const shown = this.model.donShownFigure(cell);
        return shown === undefined ? super.getFormattedValue(cell) : shown;
    }

    getFormattedVariation(cell) {
        const shown = this.model.donShownFigure(cell);
        return shown === undefined ? super.getFormattedVariation(cell) : shown;
    }
}

export const donReportPivotView = {
    ...pivotView,
    Model: DonReportPivotModel,
    Renderer: DonReportPivotRenderer,
};

/**
 * The graph draws the suppressed cells beside the published figures, as
 * series of their own ("Suppressed cells (each <5)" and, for the cells of
 * the threshold or more, "Suppressed cells (each ≥5)"): a period in which
 * only suppressed cells count people shows a bar, not an empty axis.
 */
export class DonReportGraphModel extends GraphModel {
    async load(searchParams) {
        await loadThreshold(this, this.metaData.resModel);
        return super.load(searchParams);
    }

    async _loadDataPoints(metaData) {
        const dataPoints = await super._loadDataPoints(metaData);
        if (
            metaData.measure !== FIGURE ||
            metaData.mode === "pie" ||
            metaData.domains.length !== 1 ||
            !(SUPPRESSED in metaData.fields)
        ) {
            return dataPoints;
        }
        const suppressed = await super._loadDataPoints({ ...metaData, measure: SUPPRESSED });
        const extra =
            EXTRA in metaData.fields
                ? await super._loadDataPoints({ ...metaData, measure: EXTRA })
                : [];
        const extraOf = new Map(extra.map((dataPoint) => [dataPoint.identifier, dataPoint.value]));
        for (const dataPoint of suppressed) {
            const extraValue = extraOf.get(dataPoint.identifier) || 0;
            if (dataPoint.value - extraValue) {
                dataPoints.push({
                    ...dataPoint,
                    value: dataPoint.value - extraValue,
                    donSuppressed: "primary",
                    identifier: `${dataPoint.identifier}|${SUPPRESSED}`,
                });
            }
            if (extraValue) {
                dataPoints.push({
                    ...dataPoint,
                    value: extraValue,
                    donSuppressed: "extra",
                    identifier: `${dataPoint.identifier}|${EXTRA}`,
                });
            }
        }
        return dataPoints;
    }

    _getDatasetLabel(dataPoint) {
        const label = super._getDatasetLabel(dataPoint);
        if (!dataPoint.donSuppressed) {
            return label;
        }
        const suppressedLabel =
            dataPoint.donSuppressed === "extra"
                ? _t("Suppressed cells (each ≥%(threshold)s)", { threshold: this.donThreshold })
                : _t("Suppressed cells (each <%(threshold)s)", { threshold: this.donThreshold });
        return dataPoint.labels.length > 1 ? `${label} / ${suppressedLabel}` : suppressedLabel;
    }
}

export const donReportGraphView = {
    ...graphView,
    Model: DonReportGraphModel,
};

registry.category("views").add("don_report_pivot", donReportPivotView);
registry.category("views").add("don_report_graph", donReportGraphView);
