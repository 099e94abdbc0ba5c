// Shared by the page's script and each flame graph's (a document of its own): both name byte counts alike.
'use strict';

/** "1.5 MiB", "512 B"; "-" where there is no figure. */
function httpmemBytes(n) {
    if (n === null || n === undefined || Number.isNaN(n)) {
        return '-';
    }
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let unit = 0;
    while (Math.abs(n) >= 1024 && unit < units.length - 1) {
        n /= 1024;
        unit++;
    }
    return (unit === 0 ? Math.round(n) : n.toFixed(1)) + ' ' + units[unit];
}
