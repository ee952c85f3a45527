// The API documentation page: lists each endpoint of /openapi.json with its parameters and
// lets the reader try it. Everything comes from this server; text is set with textContent,
// never as markup, so nothing in the description can run.
"use strict";

(function () {
  const root = document.getElementById("api-root");

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    });
    children.forEach((child) => node.append(child));
    return node;
  }

  function typeOf(schema) {
    if (!schema) return "";
    if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t && t !== "null").join(" or ");
    if (schema.type === "array") return "list of " + typeOf(schema.items) + " (repeat it)";
    return schema.type || "";
  }

  function tryForm(path, parameters) {
    const inputs = {};
    const table = el("table", {}, el("tr", {}, el("th", { text: "parameter" }),
      el("th", { text: "type" }), el("th", { text: "what" }), el("th", { text: "value" })));
    parameters.forEach((p) => {
      const input = el("input", { "aria-label": p.name, placeholder: p.in === "path" ? "required" : "" });
      inputs[p.name] = [p, input];
      const name = el("td", {}, el("code", { text: p.name }));
      if (p.required) name.append(el("span", { class: "required", text: " *" }));
      table.append(el("tr", {}, name, el("td", { text: typeOf(p.schema) }),
        el("td", { text: p.description || "" }), el("td", {}, input)));
    });
    const output = el("pre", { hidden: "" });
    const button = el("button", { type: "button", text: "Try it" });
    button.addEventListener("click", async () => {
      let url = path;
      const query = new URLSearchParams();
      Object.values(inputs).forEach(([p, input]) => {
        const value = input.value.trim();
        if (!value) return;
        if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(value));
        else value.split(",").forEach((v) => query.append(p.name, v.trim()));
      });
      const target = url + (query.toString() ? "?" + query.toString() : "");
      output.hidden = false;
      output.textContent = "GET " + target + " …";
      try {
        const response = await fetch(target, { headers: { Accept: "application/json" } });
        const body = await response.text();
        let shown = body;
        try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* as sent */ }
        output.textContent = "GET " + target + " → " + response.status + "\n" + shown;
      } catch (error) {
        output.textContent = "GET " + target + " failed: " + error;
      }
    });
    const parts = [];
    if (parameters.length) parts.push(table);
    parts.push(button, output);
    return parts;
  }

  function draw(spec) {
    root.replaceChildren();
    const info = spec.info || {};
    root.append(el("p", { text: (info.summary || "") + " Version " + (info.version || "?") + "." }));
    Object.entries(spec.paths || {}).forEach(([path, item]) => {
      Object.entries(item).forEach(([method, op]) => {
        const section = el("section", {});
        section.append(el("h2", {}, el("span", { class: "method", text: method.toUpperCase() }), path));
        if (op.summary) section.append(el("p", {}, el("strong", { text: op.summary })));
        if (op.description) section.append(el("p", { text: op.description }));
        section.append(...tryForm(path, op.parameters || []));
        root.append(section);
      });
    });
  }

  fetch("/openapi.json")
    .then((response) => response.json())
    .then(draw)
    .catch((error) => {
      root.replaceChildren(el("p", { class: "error", text: "Cannot read /openapi.json: " + error }));
    });
})();
