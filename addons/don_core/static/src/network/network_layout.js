/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

/**
 * A small force-directed layout (Fruchterman-Reingold with cooling), written
 * for DON: no third-party code. Deterministic: the start positions are rings
 * by distance from the root, so the same network always gets the same picture.
 *
 * @param {Array<{id: string, distance: number}>} nodes
 * @param {Array<{source: string, target: string}>} edges
 * @param {{width: number, height: number, iterations?: number}} options
 * @returns {Object<string, {x: number, y: number}>}
 */
export function forceLayout(nodes, edges, { width, height, iterations }) {
    const positions = {};
    const count = nodes.length;
    if (!count) {
        return positions;
    }
    const cx = width / 2;
    const cy = height / 2;
    const rings = {};
    for (const node of nodes) {
        (rings[node.distance] ||= []).push(node);
    }
    const ringGap = Math.min(width, height) / 2 / (Object.keys(rings).length + 0.5);
    for (const [distance, ringNodes] of Object.entries(rings)) {
        ringNodes.forEach((node, index) => {
            const angle = (2 * Math.PI * index) / ringNodes.length + Number(distance) * 0.7;
            const radius = Number(distance) * ringGap;
            positions[node.id] = {
                x: cx + radius * Math.cos(angle),
                y: cy + radius * Math.sin(angle),
            };
        });
    }
    if (count === 1) {
        return positions;
    }
    const area = width * height;
    const k = Math.sqrt(area / count) * 0.75;
    const steps = iterations || Math.max(60, Math.min(300, Math.round(30000 / count)));
    let temperature = Math.min(width, height) / 8;
    const cooling = temperature / (steps + 1);
    const ids = nodes.map((node) => node.id);
    const links = edges.filter((edge) => positions[edge.source] && positions[edge.target]);
    for (let step = 0; step < steps; step++) {
        const disp = {};
        for (const id of ids) {
            disp[id] = { x: 0, y: 0 };
        }
        // Repulsion between every pair.
        for (let i = 0; i < count; i++) {
            const a = positions[ids[i]];
            for (let j = i + 1; j < count; j++) {
                const b = positions[ids[j]];
                let dx = a.x - b.x;
                let dy = a.y - b.y;
                let dist = Math.sqrt(dx * dx + dy * dy);
                if (dist < 0.01) {
                    dx = 0.01 * (i - j);
                    dy = 0.01;
                    dist = Math.sqrt(dx * dx + dy * dy);
                }
                const force = (k * k) / dist;
                disp[ids[i]].x += (dx / dist) * force;
                disp[ids[i]].y += (dy / dist) * force;
                disp[ids[j]].x -= (dx / dist) * force;
                disp[ids[j]].y -= (dy / dist) * force;
            }
        }
        // Attraction along the edges.
        for (const edge of links) {
            const a = positions[edge.source];
            const b = positions[edge.target];
            const dx = a.x - b.x;
            const dy = a.y - b.y;
            const dist = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
            const force = (dist * dist) / k;
            disp[edge.source].x -= (dx / dist) * force;
            disp[edge.source].y -= (dy / dist) * force;
            disp[edge.target].x += (dx / dist) * force;
            disp[edge.target].y += (dy / dist) * force;
        }
        // Move, limited by the temperature, with a weak pull to the centre.
        for (const id of ids) {
            const d = disp[id];
            const p = positions[id];
            d.x += (cx - p.x) * 0.02 * k / 10;
            d.y += (cy - p.y) * 0.02 * k / 10;
            const len = Math.max(Math.sqrt(d.x * d.x + d.y * d.y), 0.01);
            p.x += (d.x / len) * Math.min(len, temperature);
            p.y += (d.y / len) * Math.min(len, temperature);
        }
        temperature = Math.max(temperature - cooling, 0.5);
    }
    // Fit into the drawing area with a margin.
    const margin = 40;
    const xs = ids.map((id) => positions[id].x);
    const ys = ids.map((id) => positions[id].y);
    const minX = Math.min(...xs);
    const maxX = Math.max(...xs);
    const minY = Math.min(...ys);
    const maxY = Math.max(...ys);
    const scaleX = (width - 2 * margin) / Math.max(maxX - minX, 1);
    const scaleY = (height - 2 * margin) / Math.max(maxY - minY, 1);
    const scale = Math.min(scaleX, scaleY, 3);
    const offsetX = (width - (maxX - minX) * scale) / 2;
    const offsetY = (height - (maxY - minY) * scale) / 2;
    for (const id of ids) {
        positions[id] = {
            x: offsetX + (positions[id].x - minX) * scale,
            y: offsetY + (positions[id].y - minY) * scale,
        };
    }
    return positions;
}
