// Runs in async-profiler's flame graph page after the converter's own script, whose globals it uses: the frames by
// level (levels), render() and samples(). httpmemFlame holds the settings the report wrote for this graph.
'use strict';
(function () {
    const settings = httpmemFlame;

    const bytes = httpmemBytes; // units.js

    // The converter calls its unit samples; these widths are bytes, or old-object samples.
    samples = function (n) {
        let text = settings.unit === 'bytes sampled' ? bytes(n) + ' sampled' : n.toLocaleString('en') + ' ' + settings.unit;
        if (settings.exchanges) {
            text += ', ' + bytes(n / settings.exchanges) + '/exchange';
        }
        return text;
    };

    // Red where the compared protocol allocates more per exchange at a frame than the baseline, blue where less.
    function colour(compared, baseline) {
        const change = (compared - baseline) / Math.max(compared, baseline);
        if (Math.abs(change) < 0.05) {
            return 'hsl(0, 0%, 85%)';
        }
        return 'hsl(' + (change > 0 ? 0 : 220) + ', 85%, ' + (90 - 40 * Math.abs(change)) + '%)';
    }

    // perExchange is a tree of the frames' names from the base: each name's [compared, baseline, its children].
    if (settings.perExchange) {
        for (let h = 1; h < levels.length; h++) {
            const parents = levels[h - 1];
            let p = 0;
            for (const frame of levels[h]) {
                while (p < parents.length && parents[p].left + parents[p].width <= frame.left) {
                    p++;
                }
                const parent = parents[p];
                const siblings = h === 1 ? settings.perExchange : parent && parent.node && parent.node[2];
                frame.node = siblings && Object.hasOwn(siblings, frame.title) ? siblings[frame.title] : undefined;
                if (frame.node) {
                    frame.color = colour(frame.node[0], frame.node[1]);
                    frame.details += '; ' + settings.compared + ' ' + bytes(frame.node[0]) + '/exchange, '
                        + settings.baseline + ' ' + bytes(frame.node[1]) + '/exchange';
                }
            }
        }
        render();
    }
})();
