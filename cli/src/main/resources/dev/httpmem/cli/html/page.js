// Lays out the report's data (the JSON in #data) as the page: verdict, charts (uPlot), flame graphs (async-profiler's
// own pages, in frames) and sortable tables. Where the data says a panel is absent, the panel says why in words.
'use strict';
(function () {
    const data = JSON.parse(document.getElementById('data').textContent);
    const page = document.getElementById('page');
    const CHART_HEIGHT = 320;
    const COLOURS = {heap: '#1f77b4', warmUp: '#b0b7bf', fit: '#d62728', direct: '#2ca02c', rss: '#9467bd',
        step: '#e17d00', phase: '#57606a'};

    function el(tag, attributes, ...children) {
        const element = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([name, value]) => element.setAttribute(name, value));
        children.flat(Infinity).forEach(child => element.append(child instanceof Node ? child : String(child)));
        return element;
    }

    const bytes = httpmemBytes; // units.js

    function count(n) {
        return n === null || n === undefined ? '-' : Math.round(n).toLocaleString('en');
    }

    function estimate(e) {
        return e.estimate === null ? '-' : bytes(e.estimate) + ' (' + bytes(e.ciLow) + ' .. ' + bytes(e.ciHigh) + ')';
    }

    function absent(text) {
        return el('p', {class: 'absent'}, text);
    }

    function caption(text) {
        return el('p', {class: 'caption'}, text);
    }

    /** A table whose columns sort on a click: {key, label, format, text} each; rows are objects. */
    function table(columns, rows) {
        const body = el('tbody');
        const head = el('tr');
        let sortedBy = null;
        let ascending = true;

        function fill() {
            body.replaceChildren(...rows.map(row => el('tr', {}, columns.map(column =>
                el('td', {class: column.text ? (column.wrap ? 'wrap' : 'text') : ''},
                    column.format ? column.format(row[column.key], row) : row[column.key] ?? '-')))));
        }

        columns.forEach(column => {
            const header = el('th', {class: column.text ? 'text' : '', title: 'sort'}, column.label);
            header.addEventListener('click', () => {
                ascending = sortedBy === column ? !ascending : !!column.text;
                sortedBy = column;
                const value = row => column.sortValue ? column.sortValue(row) : row[column.key];
                rows = rows.slice().sort((a, b) => {
                    const x = value(a);
                    const y = value(b);
                    const order = typeof x === 'number' && typeof y === 'number' ? x - y
                        : String(x ?? '').localeCompare(String(y ?? ''));
                    return ascending ? order : -order;
                });
                head.querySelectorAll('th').forEach(th => th.classList.remove('sorted-up', 'sorted-down'));
                header.classList.add(ascending ? 'sorted-up' : 'sorted-down');
                fill();
            });
            head.append(header);
        });
        fill();
        return el('table', {}, el('thead', {}, head), body);
    }

    function legend(entries) {
        return el('div', {class: 'legend'}, entries.map(([colour, label]) =>
            el('span', {}, el('i', {style: 'background:' + colour}), label)));
    }

    function chartWidth() {
        return Math.max(480, page.clientWidth - 48);
    }

    /** A uPlot chart in a box with a tooltip that {@code describe(index)} fills for the point under the cursor. */
    function chart(options, columns, describe) {
        const box = el('div', {class: 'chart'});
        const tooltip = el('div', {class: 'tooltip'});
        options.width = chartWidth();
        options.height = CHART_HEIGHT;
        options.legend = {show: false};
        options.cursor = {points: {size: 8}, drag: {x: false, y: false}};
        options.hooks = Object.assign({}, options.hooks, {
            setCursor: [u => {
                const index = u.cursor.idx;
                if (index === null || index === undefined || u.cursor.left < 0) {
                    tooltip.style.display = 'none';
                    return;
                }
                tooltip.textContent = describe(index);
                tooltip.style.display = 'block';
                const left = u.cursor.left + u.over.offsetLeft + 14;
                tooltip.style.left = Math.min(left, options.width - tooltip.offsetWidth - 4) + 'px';
                tooltip.style.top = (u.cursor.top + u.over.offsetTop + 14) + 'px';
            }],
        });
        box.append(tooltip);
        new uPlot(options, columns, box);
        return box;
    }

    function pointsOnly(label, colour) {
        return {label, stroke: colour, fill: colour, paths: () => null, points: {show: true, size: 5, fill: colour}};
    }

    /** Draws a vertical line at exchanges x with a label at the plot's top. */
    function marker(u, x, colour, label, dashed, row) {
        const ctx = u.ctx;
        const left = Math.round(u.valToPos(x, 'x', true));
        ctx.save();
        ctx.strokeStyle = colour;
        ctx.fillStyle = colour;
        ctx.lineWidth = devicePixelRatio;
        ctx.setLineDash(dashed ? [5 * devicePixelRatio, 4 * devicePixelRatio] : []);
        ctx.beginPath();
        ctx.moveTo(left, u.bbox.top);
        ctx.lineTo(left, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
        ctx.fillText(label, left + 4 * devicePixelRatio, u.bbox.top + (12 + 13 * row) * devicePixelRatio);
        ctx.restore();
    }

    /**
     * The phases of constant protocol mix: their first and last point, and the protocols whose exchanges grew
     * ({@code protocols} names each point's exchange counts, in order).
     */
    function phases(points, protocols) {
        const result = [];
        points.forEach((point, i) => {
            const last = result[result.length - 1];
            if (last && last.phase === point.phase) {
                last.end = i;
            } else {
                result.push({phase: point.phase, start: i, end: i});
            }
        });
        result.forEach((phase, k) => {
            const from = points[phase.start].exchanges;
            const to = points[k + 1 < result.length ? result[k + 1].start : phase.end].exchanges;
            const names = protocols.filter((name, p) => to[p] > from[p]);
            phase.label = names.length ? names.join(' + ') : 'idle';
        });
        return result;
    }

    function total(point) {
        return point.exchanges.reduce((sum, n) => sum + n, 0);
    }

    /** The GC's place and the exchanges so far of each protocol that had any. */
    function gcWords(points, protocols, i) {
        const point = points[i];
        const each = protocols.map((name, p) => point.exchanges[p] > 0 ? name + ' ' + count(point.exchanges[p]) : null)
            .filter(words => words !== null);
        return 'GC ' + (i + 1) + ' of ' + points.length + (point.forced ? ' (forced full GC)' : '')
            + '\nexchanges so far: ' + count(total(point)) + (each.length ? ' (' + each.join(', ') + ')' : '');
    }

    function heapChart(recording) {
        const points = recording.points;
        const x = points.map(total);
        const columns = [x, points.map(p => p.warmUp ? null : p.heap), points.map(p => p.warmUp ? p.heap : null)];
        const series = [{label: 'exchanges'}, pointsOnly('heap after GC', COLOURS.heap),
            pointsOnly('warm-up, dropped', COLOURS.warmUp)];
        const bands = [];
        const segments = [...new Set(points.filter(p => p.fitted !== null).map(p => p.segment))];
        segments.forEach(segment => {
            const only = key => points.map(p => p.segment === segment && p.fitted !== null ? p[key] : null);
            columns.push(only('fitted'), only('high'), only('low'));
            const fitted = series.length;
            series.push({label: 'fitted', stroke: COLOURS.fit, width: 2, points: {show: false}},
                {label: 'band high', stroke: 'rgba(214,39,40,0.35)', width: 1, points: {show: false}},
                {label: 'band low', stroke: 'rgba(214,39,40,0.35)', width: 1, points: {show: false}});
            bands.push({series: [fitted + 1, fitted + 2], fill: 'rgba(214,39,40,0.12)'});
        });
        const phaseList = phases(points, recording.protocols);
        const options = {
            series, bands,
            scales: {x: {time: false}},
            axes: [{label: 'exchanges so far, all protocols', values: (u, values) => values.map(count)},
                {label: 'heap after GC', size: 80, values: (u, values) => values.map(bytes)}],
            hooks: {
                draw: [u => {
                    phaseList.forEach(phase => {
                        marker(u, x[phase.start], COLOURS.phase, 'phase: ' + phase.label, false, 0);
                        const cut = points.findIndex((p, i) => i >= phase.start && i <= phase.end && !p.warmUp);
                        if (cut > phase.start) {
                            marker(u, x[cut], COLOURS.warmUp, 'warm-up cut', true, 1);
                        }
                    });
                    recording.steps.forEach(step => marker(u, step.toExchanges, COLOURS.step,
                        'step ' + (step.bytes > 0 ? '+' : '') + bytes(step.bytes) + ' absorbed', true, 2));
                }],
            },
        };
        return chart(options, columns, i => {
            const point = points[i];
            return gcWords(points, recording.protocols, i) + '\nheap after GC: ' + bytes(point.heap)
                + (point.warmUp ? ' (warm-up, not fitted)' : '\nfitted: ' + bytes(point.fitted)
                    + ' (95% band ' + bytes(point.low) + ' .. ' + bytes(point.high) + ')');
        });
    }

    function timeChart(recording) {
        const points = recording.points;
        const hasRss = points.some(p => p.rss !== null);
        const columns = [points.map(p => p.time), points.map(p => p.heap), points.map(p => p.direct)];
        const series = [{label: 'time'},
            {label: 'heap after GC', stroke: COLOURS.heap, width: 2, points: {show: true, size: 4}},
            {label: 'direct memory', stroke: COLOURS.direct, width: 2, points: {show: true, size: 4}}];
        if (hasRss) {
            columns.push(points.map(p => p.rss));
            series.push({label: 'RSS', stroke: COLOURS.rss, width: 2, points: {show: true, size: 4}});
        }
        const options = {
            series,
            axes: [{label: 'time'}, {label: 'memory', size: 80, values: (u, values) => values.map(bytes)}],
        };
        const box = chart(options, columns, i => {
            const point = points[i];
            return gcWords(points, recording.protocols, i) + '\nat ' + new Date(point.time * 1000).toLocaleTimeString()
                + '\nheap after GC: ' + bytes(point.heap) + '\ndirect memory: ' + bytes(point.direct)
                + '\nRSS: ' + (point.rss === null ? 'unknown' : bytes(point.rss));
        });
        const entries = [[COLOURS.heap, 'heap after GC'], [COLOURS.direct, 'direct memory']];
        return [legend(hasRss ? entries.concat([[COLOURS.rss, 'RSS']]) : entries), box,
            hasRss ? '' : caption('RSS: the agent could not read it on this system.')];
    }

    function flame(html, label) {
        const frame = el('iframe', {class: 'flame', title: label});
        frame.addEventListener('load', () => {
            const document = frame.contentDocument;
            if (document) {
                frame.style.height = (document.documentElement.scrollHeight + 4) + 'px';
            }
        });
        frame.srcdoc = html;
        return frame;
    }

    /** Appends to the page: elements, text, and arrays of them, nested or not. */
    function append(...children) {
        page.append(...children.flat(Infinity));
    }

    function section(title, ...children) {
        append(el('h2', {}, title), children);
    }

    function recordingName(file, many) {
        return many ? ' (' + file.split('/').pop() + ')' : '';
    }

    const exchangeColumns = [
        {key: 'exchanges', label: 'EXCHANGES', format: count},
        {key: 'mean', label: 'ALLOC/EXCH', format: bytes},
        {key: 'p50', label: 'P50', format: bytes},
        {key: 'p99', label: 'P99', format: bytes},
        {key: 'max', label: 'MAX', format: bytes},
        {key: 'responsePerExchange', label: 'RESPONSE/EXCH', format: bytes},
        {key: 'status', label: 'STATUS', text: true},
    ];

    // The verdict first, in words.
    append(el('h1', {}, data.title));
    append(el('div', {class: 'verdict'}, data.verdict.flatMap(text => text.split('\n')).map(line => el('p', {}, line))));
    if (data.notes.length) {
        append(el('ul', {class: 'notes'}, data.notes.map(note => el('li', {}, note))));
    }

    if (data.retention) {
        const retention = data.retention;
        const many = retention.recordings.length > 1;
        section('Retention per exchange',
            caption('The slope of the heap after GC against each protocol\'s exchanges, with its 95% interval:'
                + ' what each exchange leaves reachable. A protocol retains when the interval lies above 16 B.'),
            retention.protocols.length ? table([
                {key: 'label', label: 'PROTOCOL', text: true},
                {key: 'exchanges', label: 'EXCHANGES', format: count},
                {key: 'status', label: 'VERDICT', text: true},
                {key: 'heapPerExchange', label: 'HEAP/EXCH (95% CI)', format: estimate, sortValue: r => r.heapPerExchange.estimate},
                {key: 'directPerExchange', label: 'DIRECT/EXCH', format: estimate, sortValue: r => r.directPerExchange.estimate},
                {key: 'rssPerExchange', label: 'RSS/EXCH', format: estimate, sortValue: r => r.rssPerExchange.estimate},
                {key: 'allocatedPerExchange', label: 'ALLOC/EXCH', format: bytes},
                {key: 'checkpoints', label: 'GCS FITTED', format: count},
            ], retention.protocols) : absent('No exchange in the recording: nothing to fit per exchange.'));
        retention.recordings.forEach(recording => {
            append(el('h3', {}, 'Heap after GC against exchanges' + recordingName(recording.recording, many)));
            if (recording.absent) {
                append(absent(recording.absent));
                return;
            }
            append(caption('Each point is the heap right after a GC' + (recording.forcedOnly
                    ? ' (the forced full GCs alone, as the fit uses them)' : ' (every GC: too few forced ones)')
                + '. Each phase (a stretch of constant protocol mix) has its own intercept; its first 20% of exchanges'
                + ' is warm-up, dropped. A one-off step of the heap within a phase is absorbed by an intercept of its'
                + ' own. The line is the fit, the band the lines its slopes\' 95% intervals allow.'),
            legend([[COLOURS.heap, 'heap after GC'], [COLOURS.warmUp, 'warm-up, dropped'], [COLOURS.fit, 'fitted, 95% band'],
                [COLOURS.step, 'absorbed step']]),
            heapChart(recording));
            append(el('h3', {}, 'Memory over time' + recordingName(recording.recording, many)),
                caption('Heap after GC, NIO direct memory and the process\'s resident set at the same GCs.'),
                timeChart(recording));
        });
        const retained = retention.retained;
        section('Retained objects',
            retained.absent ? absent(retained.absent) : [
                caption('Old-object samples of exchanges still live at the end, by the protocol whose exchanges'
                    + ' allocated them, then each sample\'s whole stack from its thread\'s first frame to the method'
                    + ' that allocated it, and the allocated class on top. Click a frame to zoom in.'),
                retained.html ? flame(retained.html, 'retained objects') : absent(retained.flameAbsent),
                caption('The retained sites, each with its path from a GC root beside it (an example of the commonest'
                    + ' chain among its samples).'),
                table([
                    {key: 'protocol', label: 'PROTOCOL', text: true},
                    {key: 'samples', label: 'SAMPLES', format: count},
                    {key: 'site', label: 'SITE', text: true, wrap: true},
                    {key: 'rootPath', label: 'PATH FROM A GC ROOT', text: true, wrap: true},
                ], retained.sites)]);
    }

    data.allocation.forEach(allocation => {
        const many = data.allocation.length > 1;
        section('Allocation' + recordingName(allocation.recording, many),
            el('h3', {}, 'Per protocol'),
            table([{key: 'protocol', label: 'PROTOCOL', text: true}].concat(exchangeColumns), allocation.protocols),
            el('h3', {}, 'Per endpoint'),
            allocation.endpoints.length ? table([{key: 'protocol', label: 'PROTOCOL', text: true},
                {key: 'method', label: 'METHOD', text: true}, {key: 'path', label: 'PATH', text: true}]
                .concat(exchangeColumns), allocation.endpoints) : absent('No exchange in the recording.'),
            el('h3', {}, 'Allocation flame graphs'),
            allocation.flamesAbsent ? absent(allocation.flamesAbsent) : [
                caption('Sampled allocation of each protocol\'s exchanges, then of its connections\' work outside'
                    + ' their exchanges (reading and writing frames, HTTP/2\'s connection-level work), as async-profiler'
                    + ' draws allocation: each sample\'s whole stack, from its thread\'s first frame at the base to'
                    + ' the method that allocated, and the allocated class on top. JFR keeps 64 frames of a stack by'
                    + ' default (-XX:FlightRecorderOptions:stackdepth=N keeps more): deeper ones start above their'
                    + ' thread\'s first frame. Click a frame to zoom in.'),
                allocation.flames.map(f => flame(f.html, 'allocation of ' + f.label))],
            el('h3', {}, 'HTTP/2 against HTTP/1.1'),
            allocation.differential.absent ? absent(allocation.differential.absent) : [
                caption('HTTP/2\'s allocation in its own shape, each frame coloured by HTTP/2\'s sampled bytes per'
                    + ' exchange there against HTTP/1.1\'s at the same frame (the same stack from the base): red where'
                    + ' HTTP/2 allocates more per'
                    + ' exchange, blue where less, grey within 5%. Frames only HTTP/1.1 reaches are not drawn.'),
                flame(allocation.differential.html, 'HTTP/2 against HTTP/1.1')]);
    });

    section('Open exchanges and idle connections',
        el('h3', {}, 'Exchanges still open at the end'),
        data.openExchanges.length ? table([
            {key: 'ageSeconds', label: 'AGE (s)', format: n => n.toFixed(1)},
            {key: 'stack', label: 'STACK', text: true}, {key: 'protocol', label: 'PROTOCOL', text: true},
            {key: 'connectionId', label: 'CONNECTION'}, {key: 'streamId', label: 'STREAM'},
            {key: 'method', label: 'METHOD', text: true}, {key: 'path', label: 'PATH', text: true},
        ], data.openExchanges) : absent('None: every exchange the agent saw had ended when the recording stopped.'),
        el('h3', {}, 'Connections idle with no open exchange'),
        data.idleConnections.length ? table([
            {key: 'idleSeconds', label: 'IDLE (s)', format: n => n.toFixed(1)},
            {key: 'ageSeconds', label: 'AGE (s)', format: n => n.toFixed(1)},
            {key: 'stack', label: 'STACK', text: true}, {key: 'protocol', label: 'PROTOCOL', text: true},
            {key: 'exchanges', label: 'EXCHANGES', format: count}, {key: 'peer', label: 'PEER', text: true},
        ], data.idleConnections) : absent('None at the last listing.'));
})();
