// 纠纷统计看板: draws the charts from GET /api/disputes/dashboard (the figures of the tables under them).
(function () {
    'use strict';
    var root = document.querySelector('[data-dashboard]');
    if (!root || typeof window.echarts === 'undefined') return;

    var charts = [];
    function draw(name, option) {
        var el = root.querySelector('[data-chart="' + name + '"]');
        if (!el) return;
        var chart = window.echarts.init(el);
        chart.setOption(Object.assign({ tooltip: { trigger: option.series[0].type === 'pie' ? 'item' : 'axis' }, animation: false }, option));
        charts.push(chart);
        // The chart carries its own title: the caption and the table stay for screen readers and printing.
        ['.zz-chart-table', 'figcaption'].forEach(function (s) {
            var hidden = el.parentElement.querySelector(s);
            if (hidden) hidden.classList.add('zz-drawn');
        });
    }
    function bars(title, names, values, horizontal) {
        var category = { type: 'category', data: names, axisLabel: { interval: 0, width: 90, overflow: 'truncate' } };
        var value = { type: 'value', minInterval: 1 };
        return {
            title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
            grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
            xAxis: horizontal ? value : category,
            yAxis: horizontal ? Object.assign({ inverse: true }, category) : value,
            series: [{ type: 'bar', name: '案件数', data: values, barMaxWidth: 28 }]
        };
    }
    function pie(title, data) {
        return {
            title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
            legend: { bottom: 0 },
            series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '50%'], data: data, label: { formatter: '{c}({d}%)', overflow: 'none' } }]
        };
    }
    function names(list) { return list.map(function (x) { return x.name; }); }
    function counts(list) { return list.map(function (x) { return x.count; }); }

    fetch(root.getAttribute('data-source'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
        .then(function (d) {
            var months = d.months.map(function (m) { return m.month; });
            draw('months', {
                title: { text: '每月受理案件数', left: 'center', textStyle: { fontSize: 13 } },
                grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
                xAxis: { type: 'category', data: months },
                yAxis: { type: 'value', minInterval: 1 },
                series: [{ type: 'line', name: '案件数', data: counts(d.months), smooth: true, areaStyle: { opacity: 0.15 } }]
            });
            draw('categories', bars('按纠纷类别统计', names(d.categories), counts(d.categories), true));
            draw('villages', bars('按村(社区)统计', names(d.villages), counts(d.villages), true));
            draw('resolution', pie('化解情况(化解率 ' + (d.resolutionRate * 100).toFixed(1) + '%)', [
                { name: '已化解', value: d.resolved }, { name: '未化解', value: d.total - d.resolved }
            ]));
            draw('settledAt', pie('化解层级(村、镇、县)', [
                { name: '村(社区)', value: d.settledAt.village }, { name: '乡镇(街道)', value: d.settledAt.township }, { name: '县级', value: d.settledAt.county }
            ]));
            draw('satisfaction', bars(d.satisfaction.average === null ? '满意度分布(暂无评价)' : '满意度分布(均分 ' + d.satisfaction.average.toFixed(2) + ',' + d.satisfaction.count + ' 条评价)', d.satisfaction.distribution.map(function (s) { return s.score + ' 分'; }),
                d.satisfaction.distribution.map(function (s) { return s.count; }), false));
            root.setAttribute('data-drawn', 'true');
        })
        .catch(function () {
            // The tables stay visible: they carry every figure.
            root.setAttribute('data-drawn', 'failed');
        });

    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
