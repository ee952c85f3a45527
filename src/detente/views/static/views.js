/* detente views: draws the report and the web app from one JSON document.
 *
 * Safety: everything shown comes from articles and is untrusted. This file never assigns
 * innerHTML/outerHTML, never builds markup from strings, never sets href/src/on* from data:
 * text goes in with textContent, attributes with setAttribute on a fixed list of names.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var KIND_STYLE = {
    state: { shape: "ellipse", color: "#3b6ea5" },
    government: { shape: "round-rectangle", color: "#5b8cc4" },
    military: { shape: "vee", color: "#6b4f8a" },
    armed_group: { shape: "triangle", color: "#b5533c" },
    igo: { shape: "hexagon", color: "#2f8f83" },
    intergovernmental_organisation: { shape: "hexagon", color: "#2f8f83" },
    party: { shape: "rhomboid", color: "#9c7a2b" },
    person: { shape: "diamond", color: "#7a7a7a" },
    civilian_group: { shape: "star", color: "#a0527a" },
  };
  var OTHER_KIND = { shape: "round-tag", color: "#8a8a8a" };
  var SAFE_ATTRS = {
    class: 1, id: 1, type: 1, placeholder: 1, value: 1, for: 1, name: 1, role: 1,
    "aria-label": 1, "aria-live": 1, title: 1, colspan: 1, min: 1, max: 1, list: 1,
    "data-pair": 1, "data-kind": 1, "data-sign": 1, width: 1, height: 1, viewBox: 1,
    x: 1, y: 1, x1: 1, x2: 1, y1: 1, y2: 1, fill: 1, stroke: 1, "stroke-width": 1,
    "stroke-dasharray": 1, "text-anchor": 1, "font-size": 1, transform: 1, hidden: 1,
    autocomplete: 1, spellcheck: 1, selected: 1,
  };

  function kindStyle(kind) {
    return KIND_STYLE[kind] || OTHER_KIND;
  }

  /* el("p", {class: "x"}, "text", child, ...): children that are strings become text nodes. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (name) {
      if (!SAFE_ATTRS[name]) throw new Error("attribute not allowed: " + name);
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      node.setAttribute(name, value === true ? "" : String(value));
    });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(node, c); });
    } else if (typeof child === "object" && child.nodeType) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function fmt(value, digits) {
    if (value === null || value === undefined) return "—";
    return Number(value).toFixed(digits === undefined ? 2 : digits);
  }

  function signWord(sign) {
    return sign > 0 ? "cooperative" : sign < 0 ? "hostile" : "neutral";
  }

  function signMark(sign) {
    return sign > 0 ? "+" : sign < 0 ? "−" : "0";
  }

  /* An event's time at its own precision: "1990s", "1998", "2024-01", "2024-01-03". */
  function when(e) {
    if (!e.start) return "undated";
    if (e.precision === "decade") return e.start.slice(0, 3) + "0s";
    if (e.precision === "year") {
      var last = e.end ? e.end.slice(0, 4) : e.start.slice(0, 4);
      return last !== e.start.slice(0, 4) ? e.start.slice(0, 4) + "–" + last : last;
    }
    if (e.precision === "month") return e.start.slice(0, 7);
    return e.start;
  }

  /* The documents and sentences that report one event: several articles, or a later
     recall of it, are one event with several reports. */
  function reportCount(e) {
    var reports = (e.reports || []).length || 1;
    return reports + (reports === 1 ? " report" : " reports") +
      (e.documents > 1 ? " in " + e.documents + " documents" : "");
  }

  function reportList(e, documents) {
    var reports = e.reports || [];
    if (reports.length < 2) return null;
    return el("ol", { class: "reports" }, reports.map(function (r) {
      var doc = documents[r.document] || {};
      return el("li", { class: "report" },
        el("span", { class: "report-source" }, (doc.title || "(untitled)") + " · " +
          (r.published || "undated") + " · sentence " + r.sentence +
          (r.modality !== "asserted" || r.hedged ?
            " · " + r.modality + (r.hedged ? " (hedged)" : "") : "") + ": "),
        el("span", { class: "report-text" }, r.text));
    }));
  }

  function section(id, heading, intro) {
    return el("section", { id: id, class: "view" }, el("h2", null, heading),
      intro ? el("p", { class: "intro" }, intro) : null);
  }

  /* ---------------------------------------------------------------- state */

  var state = { data: null, cy: null, root: null, config: null };

  function actorName(id) {
    if (!id) return "—";
    var nodes = (state.data && state.data.network.nodes) || [];
    for (var i = 0; i < nodes.length; i++) if (nodes[i].id === id) return nodes[i].name;
    return id;
  }

  function pairEvents(a, b) {
    return state.data.events.filter(function (e) {
      return (e.source === a && e.target === b) || (e.source === b && e.target === a);
    }).sort(function (x, y) { return Math.abs(y.weight) - Math.abs(x.weight); });
  }

  /* ---------------------------------------------------------------- summary */

  function renderSummary(data) {
    var f = data.filters || {};
    var parts = [
      data.counts.documents + " documents",
      data.counts.events + " events" + (data.counts.reports > data.counts.events ?
        " (from " + data.counts.reports + " reports)" : ""),
      data.network.nodes.length + " actors in the network",
    ];
    if (f.actor) parts.push("actor: " + actorName(f.actor));
    if (f.since || f.until) parts.push("time: " + (f.since || "…") + " to " + (f.until || "…"));
    var subtitle = document.getElementById("subtitle");
    if (subtitle) subtitle.textContent = "store " + data.store + " · " + parts.join(" · ");
  }

  /* ---------------------------------------------------------------- network */

  function renderNetwork(root, data) {
    var net = data.network;
    var box = section("network", "Signed actor network",
      "Edges: green cooperative, red hostile, grey neutral; width by the size of the pair's " +
      "net score (" + net.decay + (net.half_life_days ? ", half-life " + net.half_life_days +
      " days" : ", no decay") + ", reference date " + (net.reference_date || "—") +
      "). Nodes: shape and colour by kind. Hover for a summary; click an edge or a row of " +
      "the pair list for its evidence.");
    var layout = el("div", { class: "network-layout" });
    var canvas = el("div", { id: "network-canvas", class: "network-canvas", role: "img",
      "aria-label": "actor network" });
    var panel = el("aside", { id: "edge-panel", class: "edge-panel", "aria-live": "polite" },
      el("p", { class: "hint" }, "Click an edge to see the sentences behind it."));
    layout.appendChild(canvas);
    layout.appendChild(panel);
    box.appendChild(layout);
    box.appendChild(legend(net.nodes));
    box.appendChild(pairList(net));
    if (net.undated_events_left_out) {
      box.appendChild(el("p", { class: "note" }, net.undated_events_left_out +
        " undated events are not in the network (they are in the evidence table)."));
    }
    root.appendChild(box);
    var tip = el("div", { id: "network-tip", class: "tip", hidden: true });
    document.body.appendChild(tip);
    drawGraph(canvas, net, tip);
  }

  function legend(nodes) {
    var kinds = {};
    nodes.forEach(function (n) { kinds[n.kind] = 1; });
    var items = Object.keys(kinds).sort().map(function (kind) {
      var style = kindStyle(kind);
      var swatch = el("span", { class: "swatch", "data-kind": kind });
      swatch.style.backgroundColor = style.color;
      return el("li", null, swatch, kind.replace(/_/g, " ") + " (" + style.shape + ")");
    });
    return el("ul", { class: "legend" },
      el("li", null, el("span", { class: "line pos" }), "cooperative"),
      el("li", null, el("span", { class: "line neg" }), "hostile"),
      items);
  }

  function pairList(net) {
    var body = el("tbody");
    net.edges.forEach(function (edge) {
      var button = el("button", { type: "button", class: "link", "data-pair": edge.a + "|" + edge.b },
        actorName(edge.a) + " – " + actorName(edge.b));
      button.addEventListener("click", function () { showEdge(edge); });
      body.appendChild(el("tr", { class: edge.sign > 0 ? "pos" : edge.sign < 0 ? "neg" : "zero" },
        el("td", null, button),
        el("td", { class: "num" }, signMark(edge.sign)),
        el("td", { class: "num" }, fmt(edge.weight)),
        el("td", { class: "num" }, edge.events)));
    });
    return el("details", { class: "pairs", id: "pair-list" },
      el("summary", null, "Pairs (" + net.edges.length + ")"),
      el("table", null,
        el("thead", null, el("tr", null, el("th", null, "pair"), el("th", null, "sign"),
          el("th", null, "net"), el("th", null, "events"))),
        body));
  }

  function drawGraph(container, net, tip) {
    if (typeof window.cytoscape !== "function") {
      container.appendChild(el("p", { class: "note" }, "The graph library did not load."));
      return;
    }
    if (!net.nodes.length) {
      container.appendChild(el("p", { class: "note empty" },
        "No pair of actors has dated events in this view."));
      return;
    }
    var maxWeight = 0;
    net.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, Math.abs(e.weight)); });
    var maxEvents = 1;
    net.nodes.forEach(function (n) { maxEvents = Math.max(maxEvents, n.events); });
    var elements = [];
    net.nodes.forEach(function (n) {
      var style = kindStyle(n.kind);
      elements.push({ group: "nodes", data: {
        id: n.id, label: n.name, kind: n.kind, shape: style.shape, color: style.color,
        size: 22 + 28 * Math.sqrt(n.events / maxEvents),
      } });
    });
    net.edges.forEach(function (e, i) {
      elements.push({ group: "edges", data: {
        id: "edge-" + i, source: e.a, target: e.b, index: i,
        color: e.sign > 0 ? "#1a9850" : e.sign < 0 ? "#d73027" : "#999999",
        width: 1.5 + (maxWeight ? 9 * Math.abs(e.weight) / maxWeight : 0),
        style: e.sign === 0 ? "dashed" : "solid",
      } });
    });
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      style: [
        { selector: "node", style: {
          label: "data(label)", shape: "data(shape)", "background-color": "data(color)",
          width: "data(size)", height: "data(size)", "font-size": 12, color: "#222",
          "text-valign": "bottom", "text-margin-y": 4, "text-outline-color": "#fff",
          "text-outline-width": 2,
        } },
        { selector: "edge", style: {
          "line-color": "data(color)", width: "data(width)", "line-style": "data(style)",
          "curve-style": "bezier", opacity: 0.85,
        } },
        { selector: "edge:selected", style: { opacity: 1, "underlay-color": "#ffd54f",
          "underlay-opacity": 0.6, "underlay-padding": 4 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#ffb300" } },
      ],
      layout: { name: "circle" },
    });
    if (net.nodes.length > 2) {
      cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 400000,
        idealEdgeLength: 120, nodeOverlap: 20, componentSpacing: 120, gravity: 1,
        numIter: 1000, padding: 40 }).run();
    }
    cy.fit(undefined, 30);
    /* Labels readable whatever zoom the fit chose (the canvas draws them at model size). */
    var zoom = cy.zoom();
    if (zoom < 1) {
      cy.style().selector("node").style({ "font-size": Math.round(13 / zoom),
        "text-outline-width": 2 / zoom }).update();
    }
    state.cy = cy;
    window.detenteGraph = cy;
    cy.on("tap", "edge", function (evt) { showEdge(net.edges[evt.target.data("index")]); });
    cy.on("mouseover", "edge", function (evt) {
      var e = net.edges[evt.target.data("index")];
      showTip(tip, evt, actorName(e.a) + " – " + actorName(e.b) + ": " + signWord(e.sign) +
        ", net " + fmt(e.weight) + " from " + e.events + " events (cooperative " +
        fmt(e.cooperative) + ", hostile " + fmt(e.hostile) + ")");
    });
    cy.on("mouseover", "node", function (evt) {
      var d = evt.target.data();
      showTip(tip, evt, d.label + " · " + d.kind.replace(/_/g, " ") + " · " +
        evt.target.degree() + " partners");
    });
    cy.on("mouseout", "edge, node", function () { tip.hidden = true; });
    cy.on("tap", function () { tip.hidden = true; });
    container.addEventListener("mouseleave", function () { tip.hidden = true; });
  }

  function showTip(tip, evt, text) {
    var rect = evt.cy.container().getBoundingClientRect();
    var pos = evt.renderedPosition || { x: 0, y: 0 };
    tip.textContent = text;
    tip.style.left = Math.round(rect.left + window.scrollX + pos.x + 12) + "px";
    tip.style.top = Math.round(rect.top + window.scrollY + pos.y + 12) + "px";
    tip.hidden = false;
  }

  function showEdge(edge) {
    var panel = document.getElementById("edge-panel");
    if (!panel) return;
    clear(panel);
    var events = pairEvents(edge.a, edge.b);
    panel.appendChild(el("h3", null, actorName(edge.a) + " – " + actorName(edge.b)));
    panel.appendChild(el("p", { class: "edge-summary", "data-sign": edge.sign },
      signWord(edge.sign) + ": net " + fmt(edge.weight) + " from " + edge.events +
      " dated events (cooperative " + fmt(edge.cooperative) + ", hostile " +
      fmt(edge.hostile) + ")"));
    if (!events.length) {
      panel.appendChild(el("p", { class: "note" }, "No evidence sentences in this view."));
    }
    var list = el("ol", { class: "evidence-list", id: "edge-evidence" });
    events.forEach(function (e) { list.appendChild(evidenceItem(e)); });
    panel.appendChild(list);
    if (state.cy) {
      state.cy.elements().unselect();
      state.cy.edges().filter(function (x) {
        var d = x.data();
        return (d.source === edge.a && d.target === edge.b) ||
          (d.source === edge.b && d.target === edge.a);
      }).select();
    }
  }

  function evidenceItem(e) {
    var doc = (state.data.documents || {})[e.document] || {};
    var arrow = e.reciprocal ? " ↔ " : " → ";
    return el("li", { class: e.weight > 0 ? "pos" : e.weight < 0 ? "neg" : "zero" },
      el("div", { class: "meta" },
        when(e) + " · " + (e.source_name || "—") + arrow + e.type + signMark(e.polarity) +
        arrow + (e.target_name || "—") + " · " + e.modality +
        (e.hedged ? " (hedged)" : "") + (e.asserted_by ? " · per " + e.asserted_by : "") +
        " · weight " + fmt(e.weight) + " · " + reportCount(e)),
      el("blockquote", { class: "sentence" }, e.text),
      el("div", { class: "source" }, (doc.title || "(untitled)") + " · " +
        (doc.published || "undated") + " · sentence " + e.sentence + " · " +
        String(e.document).slice(0, 8)),
      reportList(e, state.data.documents || {}));
  }

  /* ---------------------------------------------------------------- dyads */

  function renderDyads(root, data) {
    var box = section("dyads", "Dyad timelines",
      "Net cooperation per year for the most active pairs: bars above the line cooperative, " +
      "below hostile; dashed lines mark where the relationship's sign changes.");
    if (!data.dyads.length) box.appendChild(el("p", { class: "note" }, "No pair has dated events."));
    data.dyads.forEach(function (dyad) { box.appendChild(dyadChart(dyad)); });
    root.appendChild(box);
  }

  function dyadChart(dyad) {
    var periods = dyad.periods;
    var figure = el("figure", { class: "dyad" });
    figure.appendChild(el("figcaption", null,
      el("strong", null, dyad.a.name + " – " + dyad.b.name), ": " + dyad.summary));
    if (!periods.length) return figure;
    var width = 640, height = 150, pad = 28, bottom = 22;
    var band = Math.min(70, (width - 2 * pad) / periods.length);
    var maxAbs = 0;
    periods.forEach(function (p) { maxAbs = Math.max(maxAbs, Math.abs(p.net)); });
    maxAbs = maxAbs || 1;
    var zero = (height - bottom) / 2;
    var scale = (zero - 8) / maxAbs;
    var chart = svg("svg", { class: "dyad-chart", viewBox: "0 0 " + width + " " + height,
      width: width, height: height, role: "img",
      "aria-label": dyad.a.name + " and " + dyad.b.name + " by " + dyad.by });
    chart.appendChild(svg("line", { x1: pad, x2: width - pad, y1: zero, y2: zero,
      stroke: "#888", "stroke-width": 1 }));
    var every = Math.max(1, Math.ceil(periods.length / 12));
    var index = {};
    periods.forEach(function (p, i) {
      index[p.period] = i;
      var x = pad + i * band + band * 0.15;
      var h = Math.max(1, Math.abs(p.net) * scale);
      var y = p.net >= 0 ? zero - h : zero;
      var bar = svg("rect", { x: x.toFixed(1), y: y.toFixed(1), width: (band * 0.7).toFixed(1),
        height: h.toFixed(1), fill: p.polarity > 0 ? "#1a9850" : p.polarity < 0 ? "#d73027" : "#aaa" });
      bar.appendChild(svg("title", null, p.period + ": net " + fmt(p.net) + ", " + p.events +
        " events, " + signWord(p.polarity)));
      chart.appendChild(bar);
      if (i % every === 0) {
        chart.appendChild(svg("text", { x: (pad + i * band + band / 2).toFixed(1), y: height - 6,
          "text-anchor": "middle", "font-size": 10, fill: "#444" }, p.period));
      }
    });
    dyad.changes.forEach(function (c, n) {
      var i = index[c.after];
      if (i === undefined) return;
      var x = (pad + i * band).toFixed(1);
      chart.appendChild(svg("line", { class: "change", x1: x, x2: x, y1: 4, y2: height - bottom,
        stroke: "#333", "stroke-width": 1.2, "stroke-dasharray": "4 3" }));
      chart.appendChild(svg("text", { x: (Number(x) + 3).toFixed(1), y: n % 2 ? 24 : 12, "font-size": 10,
        fill: "#333" }, "→ " + c.to));
    });
    figure.appendChild(chart);
    if (dyad.drivers && dyad.drivers.length) {
      var list = el("ul", { class: "drivers" });
      dyad.drivers.forEach(function (d) {
        list.appendChild(el("li", null,
          el("strong", null, d.actor.name + " → " + d.toward.name + " · " + d.context + " · " + d.kind),
          " (" + d.statements + "): ", el("q", null, d.text)));
      });
      figure.appendChild(el("figcaption", null, "Why, as the texts state it:"));
      figure.appendChild(list);
    }
    return figure;
  }

  /* ---------------------------------------------------------------- balance */

  function renderBalance(root, data) {
    var b = data.balance || {};
    var box = section("balance", "Structural balance", b.note || null);
    if (b.error) {
      box.appendChild(el("p", { class: "note" }, b.error));
      root.appendChild(box);
      return;
    }
    var counts = b.triad_counts || {};
    var fr = b.frustration || {};
    box.appendChild(el("dl", { class: "figures" },
      el("dt", null, "balance ratio"), el("dd", null, b.balance_ratio === null ? "no signed triad" : fmt(b.balance_ratio, 3)),
      el("dt", null, "signed triads"), el("dd", null, (counts.total || 0) + " (" + (counts.balanced || 0) + " balanced, " + (counts.unbalanced || 0) + " unbalanced)"),
      el("dt", null, "signed edges"), el("dd", null, b.signed_edges ? b.signed_edges.total + " (" + b.signed_edges.positive + " +, " + b.signed_edges.negative + " −)" : "—"),
      el("dt", null, "frustration"), el("dd", null, (fr.edges === undefined ? "—" : fr.edges + " of " + fr.of + " edges") + (fr.method ? " (" + fr.method + ")" : "")),
      el("dt", null, "definition"), el("dd", null, b.definition || "—")));
    if ((b.blocs || []).length) {
      box.appendChild(el("h3", null, "Blocs"));
      box.appendChild(el("ul", { class: "blocs" }, b.blocs.map(function (bloc, i) {
        return el("li", null, "part " + bloc.component + ", camp " + (i + 1) + ": " +
          bloc.actors.map(function (a) { return a.name; }).join(", "));
      })));
    }
    if ((b.triads || []).length) {
      box.appendChild(el("h3", null, "Triads"));
      var body = el("tbody");
      b.triads.forEach(function (t) {
        body.appendChild(el("tr", { class: t.balanced ? "pos" : "neg" },
          el("td", null, t.actors.map(function (a) { return a.name; }).join(", ")),
          el("td", { class: "num" }, t.signs),
          el("td", null, t.balanced ? "balanced" : "unbalanced")));
      });
      box.appendChild(el("table", { class: "triads" }, el("thead", null, el("tr", null,
        el("th", null, "actors"), el("th", null, "signs"), el("th", null, ""))), body));
    }
    if ((b.inferences || []).length) {
      box.appendChild(el("h3", null, "Inferred signs (enemy of my enemy)"));
      box.appendChild(el("ul", { class: "inferences" }, b.inferences.map(function (inf) {
        return el("li", null, inf.a.name + " – " + inf.b.name + ": " + signWord(inf.sign) +
          " (inferred from " + inf.paths.map(function (p) { return "via " + p.via.name; }).join(", ") + ")");
      })));
    }
    root.appendChild(box);
  }

  /* ---------------------------------------------------------------- evidence table */

  function renderEvidence(root, data) {
    var shown = data.counts.events_shown, total = data.counts.events;
    var reports = data.counts.reports || total;
    var box = section("evidence", "Evidence",
      (shown < total ? "The first " + shown + " of " + total + " events" : total + " events") +
      (reports > total ? ", from " + reports + " reports: an event that several documents " +
        "report, or recall later, is one row with its reports listed under its sentence." :
        "."));
    var search = el("input", { type: "search", id: "evidence-search", class: "search",
      placeholder: "Search sentences, actors, types…", "aria-label": "search the evidence",
      autocomplete: "off", spellcheck: "false" });
    var count = el("span", { class: "count", id: "evidence-count" });
    box.appendChild(el("div", { class: "controls no-print" }, search, count));
    var body = el("tbody");
    var rows = data.events.map(function (e) {
      var doc = (data.documents || {})[e.document] || {};
      var row = el("tr", { class: e.weight > 0 ? "pos" : e.weight < 0 ? "neg" : "zero" },
        el("td", { class: "nowrap" }, when(e)),
        el("td", null, e.source_name || "—"),
        el("td", { class: "nowrap" }, (e.reciprocal ? "↔ " : "→ ") + e.type + signMark(e.polarity)),
        el("td", null, e.target_name || "—"),
        el("td", null, e.modality + (e.hedged ? "?" : "")),
        el("td", { class: "num" }, fmt(e.weight)),
        el("td", { class: "sentence" }, el("div", null, e.text),
          reportList(e, data.documents || {})),
        el("td", { class: "num reports-count" }, (e.reports || []).length || 1),
        el("td", { class: "doc" }, (doc.title || "(untitled)") + " [" + e.sentence + "]"));
      row.searchText = [e.text, e.source_name, e.target_name, e.type, e.modality, doc.title,
        e.start].concat((e.reports || []).map(function (r) {
          return r.text + " " + ((data.documents || {})[r.document] || {}).title;
        })).join(" ").toLowerCase();
      body.appendChild(row);
      return row;
    });
    function apply() {
      var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var visible = 0;
      rows.forEach(function (row) {
        var hit = terms.every(function (t) { return row.searchText.indexOf(t) >= 0; });
        row.hidden = !hit;
        if (hit) visible++;
      });
      count.textContent = visible + " of " + rows.length + " shown";
    }
    search.addEventListener("input", apply);
    apply();
    box.appendChild(el("table", { class: "evidence", id: "evidence-table" },
      el("thead", null, el("tr", null, ["time", "source", "type", "target", "modality",
        "weight", "sentence", "reports", "document"].map(function (h) { return el("th", null, h); }))),
      body));
    root.appendChild(box);
  }

  /* ---------------------------------------------------------------- whole page */

  function renderAll(data) {
    state.data = data;
    var root = state.root;
    if (state.cy) { state.cy.destroy(); state.cy = null; }
    var oldTip = document.getElementById("network-tip");
    if (oldTip) oldTip.parentNode.removeChild(oldTip);
    var views = document.getElementById("views");
    if (views) views.parentNode.removeChild(views);
    views = el("div", { id: "views" });
    root.appendChild(views);
    renderSummary(data);
    renderNetwork(views, data);
    renderDyads(views, data);
    renderBalance(views, data);
    renderEvidence(views, data);
    document.body.setAttribute("data-ready", "");
  }

  /* ---------------------------------------------------------------- web app */

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k]) parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(params[k]));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        return { status: response.status, body: body };
      });
    });
  }

  function errorText(result) {
    var error = (result.body && result.body.error) || {};
    return (error.code ? "[" + error.code + "] " : "") + (error.message || "HTTP " + result.status);
  }

  function appControls(root, config) {
    var actorSelect = el("select", { id: "pick-actor", name: "actor", "aria-label": "actor" },
      el("option", { value: "" }, "all actors"));
    var since = el("input", { type: "date", id: "pick-since", name: "since", "aria-label": "since" });
    var until = el("input", { type: "date", id: "pick-until", name: "until", "aria-label": "until" });
    var apply = el("button", { type: "submit", id: "apply" }, "Show");
    var status = el("span", { class: "status", id: "app-status", "aria-live": "polite" });
    var form = el("form", { class: "controls", id: "filters" },
      el("label", null, "Actor ", actorSelect), el("label", null, "Since ", since),
      el("label", null, "Until ", until), apply, status);
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      load({ actor: actorSelect.value, since: since.value, until: until.value });
    });

    var claim = el("input", { type: "text", id: "claim-text", name: "claim", class: "claim",
      placeholder: "Type a claim, e.g. “Iran supports the Taliban”", "aria-label": "claim",
      autocomplete: "off" });
    var verdict = el("div", { id: "claim-result", class: "claim-result", "aria-live": "polite" });
    var claimForm = el("form", { class: "controls", id: "claim-form" },
      el("label", null, "Check a claim ", claim), el("button", { type: "submit" }, "Check"));
    claimForm.addEventListener("submit", function (evt) {
      evt.preventDefault();
      clear(verdict);
      verdict.appendChild(el("p", { class: "loading" }, "Checking…"));
      getJSON("/api/check" + query({ claim: claim.value, since: since.value, until: until.value }))
        .then(function (result) { showVerdict(verdict, result); })
        .catch(function (err) { clear(verdict); verdict.appendChild(el("p", { class: "error" }, String(err))); });
    });

    var pairA = el("select", { id: "pair-a", "aria-label": "first actor" });
    var pairB = el("select", { id: "pair-b", "aria-label": "second actor" });
    var by = el("select", { id: "pair-by", "aria-label": "period" },
      el("option", { value: "year" }, "by year"), el("option", { value: "month" }, "by month"),
      el("option", { value: "decade" }, "by decade"));
    var pairResult = el("div", { id: "pair-result" });
    var pairForm = el("form", { class: "controls", id: "pair-form" },
      el("label", null, "Pair ", pairA), el("label", null, " and ", pairB), by,
      el("button", { type: "submit" }, "Timeline"));
    pairForm.addEventListener("submit", function (evt) {
      evt.preventDefault();
      clear(pairResult);
      getJSON("/api/dyad" + query({ a: pairA.value, b: pairB.value, by: by.value,
        since: since.value, until: until.value })).then(function (result) {
        clear(pairResult);
        if (!result.body.ok) { pairResult.appendChild(el("p", { class: "error" }, errorText(result))); return; }
        pairResult.appendChild(dyadChart(result.body));
        var list = el("ol", { class: "evidence-list" });
        (result.body.evidence || []).forEach(function (item) {
          list.appendChild(el("li", null, el("div", { class: "meta" }, (item.time.start || "undated") +
            " · " + item.type + " · " + item.modality + " · weight " + fmt(item.weight)),
            el("blockquote", { class: "sentence" }, item.text)));
        });
        pairResult.appendChild(list);
      });
    });

    root.appendChild(el("section", { class: "view app-controls no-print", id: "app-controls" },
      form, claimForm, verdict, pairForm, pairResult));

    getJSON("/api/actors").then(function (result) {
      if (!result.body.ok) return;
      result.body.actors.forEach(function (a) {
        [actorSelect, pairA, pairB].forEach(function (select) {
          select.appendChild(el("option", { value: a.id }, a.name));
        });
      });
      if (pairB.options.length > 1) pairB.selectedIndex = 1;
      var start = config.filters || {};
      if (start.actor) actorSelect.value = start.actor;
    });
    var start = config.filters || {};
    if (start.since) since.value = start.since;
    if (start.until) until.value = start.until;
    return status;
  }

  function showVerdict(box, result) {
    clear(box);
    var body = result.body || {};
    if (!body.ok) {
      box.appendChild(el("p", { class: "error", id: "claim-error" }, errorText(result)));
      return;
    }
    box.appendChild(el("p", { class: "verdict", id: "claim-verdict", "data-sign": body.verdict },
      "Verdict: " + String(body.verdict).replace(/_/g, " ")));
    var parsed = body.parsed;
    if (parsed && parsed.source && parsed.target) {
      box.appendChild(el("p", { class: "meta" }, "Read as " + parsed.source.name + " " +
        parsed.type + signMark(parsed.polarity) + " " + parsed.target.name));
    }
    var periods = body.periods || [];
    if (periods.length) {
      box.appendChild(el("ul", { class: "periods" }, periods.map(function (p) {
        return el("li", null, p.period + ": " + String(p.verdict).replace(/_/g, " "));
      })));
    }
    if (body.explanation) box.appendChild(el("p", null, String(body.explanation)));
    var reported = body.reported || {};
    [["Supporting", body.supporting], ["Contradicting", body.contradicting],
      ["Reported or hedged, supporting", reported.supporting],
      ["Reported or hedged, contradicting", reported.contradicting]].forEach(function (group) {
      var items = group[1] || [];
      if (!items.length) return;
      box.appendChild(el("h3", null, group[0] + " (" + items.length + ")"));
      box.appendChild(el("ol", { class: "evidence-list" }, items.slice(0, 20).map(function (item) {
        var time = (item.time && item.time.start) || "undated";
        return el("li", null,
          el("div", { class: "meta" }, time + " · " + (item.type || "") + " · " +
            (item.modality || "") + (item.why ? " · " + item.why : "")),
          el("blockquote", { class: "sentence" }, String(item.text || "")));
      })));
    });
  }

  var statusNode = null;

  function load(filters) {
    if (statusNode) statusNode.textContent = "Loading…";
    return getJSON("/api/view" + query(filters)).then(function (result) {
      if (!result.body.ok) {
        if (statusNode) statusNode.textContent = errorText(result);
        return;
      }
      if (statusNode) statusNode.textContent = "";
      renderAll(result.body);
    });
  }

  function start() {
    var source = document.getElementById("detente-data");
    var root = document.getElementById("detente-root");
    if (!source || !root) return;
    var config = JSON.parse(source.textContent);
    clear(root);
    state.root = root;
    state.config = config;
    if (config.mode === "app") {
      statusNode = appControls(root, config);
      load(config.filters || {});
    } else {
      renderAll(config);
    }
  }

  /* A printed page shows every pair and every evidence row, whatever was folded or searched. */
  window.addEventListener("beforeprint", function () {
    var pairs = document.getElementById("pair-list");
    if (pairs) pairs.open = true;
  });

  window.detenteViews = { start: start, showEdge: showEdge, state: state };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
