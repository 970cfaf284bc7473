// 流程设计器: the definition document is the model; Drawflow only draws it and reports the user's edits.
// One output port per named outcome (output_k is outcome k), one input port per activity (none on Start).
(function () {
  "use strict";

  const KIND_HELP = {
    Text: "",
    Script: "JavaScript 表达式,可用 input 和 properties",
    Duration: "ISO 8601 时长:P7D(7 个工作日)、PT2H、PT30S",
    Names: "每行一项",
    Boolean: "",
    Liquid: "Liquid 模板,如 {{ input.title }}、{{ properties.level }}",
  };
  const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.substring(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  async function requestJson(url, options) {
    const response = await fetch(url, Object.assign({ credentials: "same-origin", headers: { Accept: "application/json" } }, options));
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = { detail: text }; }
    return { ok: response.ok, status: response.status, body };
  }

  class Designer {
    constructor(root) {
      this.root = root;
      this.cfg = root.dataset;
      this.readOnly = root.dataset.readonly === "true";
      this.token = root.dataset.token || "";
      this.types = new Map();
      this.byDf = new Map(); // drawflow id -> activity id
      this.dfOf = new Map(); // activity id -> drawflow id
      this.rendering = false;
      this.selected = null;
      this.issues = [];
      this.doc = null;
    }

    async init() {
      const catalogue = await requestJson(this.cfg.catalogue);
      if (!catalogue.ok) throw new Error("无法读取活动目录");
      for (const t of catalogue.body) this.types.set(t.type, t);
      this.doc = JSON.parse(this.root.querySelector("script[type='application/json']").textContent);
      this.doc.activities = this.doc.activities || [];
      this.doc.transitions = this.doc.transitions || [];
      const canvas = this.root.querySelector(".zz-wf-canvas");
      this.editor = new Drawflow(canvas);
      this.editor.reroute = false;
      this.editor.start();
      this.editor.editor_mode = this.readOnly ? "fixed" : "edit";
      this.wireEditor();
      if (!this.readOnly) { this.buildPalette(); this.wireCanvasDrop(canvas); }
      this.wireToolbar();
      this.render();
      this.fit(canvas);
      const highlight = this.root.dataset.highlight;
      if (highlight) this.highlight(JSON.parse(highlight));
    }

    // ---- model helpers ----
    type(a) { return this.types.get(a.type); }
    activity(id) { return this.doc.activities.find(a => a.id === id); }
    outcomes(a) {
      const t = this.type(a);
      if (!t) return [];
      const dynamic = t.outcomesFrom && Array.isArray((a.properties || {})[t.outcomesFrom]) ? a.properties[t.outcomesFrom].filter(n => typeof n === "string" && n) : [];
      return [...dynamic, ...t.outcomes.filter(o => !dynamic.includes(o))];
    }
    newId(type) {
      const base = type.toLowerCase();
      if (type === "Start" && !this.activity("start")) return "start";
      for (let i = 1; ; i++) { const id = `${base}-${i}`; if (!this.activity(id)) return id; }
    }
    document() {
      const d = JSON.parse(JSON.stringify(this.doc));
      d.id = this.root.querySelector("#wf-id")?.value.trim() || d.id;
      d.name = this.root.querySelector("#wf-name")?.value.trim() ?? d.name;
      d.startActivities = d.activities.filter(a => a.type === "Start").map(a => a.id);
      delete d.version;
      return d;
    }

    // ---- drawing ----
    nodeHtml(a) {
      const t = this.type(a);
      const title = a.name || (t ? t.name : a.type);
      const wrap = el("div", {}, el("div", { class: "zz-wf-node-title" }, title), el("div", { class: "zz-wf-node-sub" }, `${t ? t.name : "未知类型 " + a.type} · ${a.id}`));
      return wrap.innerHTML;
    }

    /** Places activities that have no position (an import without layout) in columns by distance from the start. */
    layout() {
      const missing = this.doc.activities.filter(a => typeof a.x !== "number" || typeof a.y !== "number");
      if (!missing.length) return;
      const depth = new Map();
      const queue = this.doc.activities.filter(a => a.type === "Start").map(a => a.id);
      queue.forEach(id => depth.set(id, 0));
      while (queue.length) {
        const id = queue.shift();
        for (const t of this.doc.transitions.filter(t => t.from === id))
          if (!depth.has(t.to) && this.activity(t.to)) { depth.set(t.to, depth.get(id) + 1); queue.push(t.to); }
      }
      // Long chains wrap into bands of five columns, so that a laptop screen shows the whole graph.
      const rows = new Map(), columns = 5, last = Math.max(0, ...depth.values()) + 1;
      for (const a of missing) {
        const d = depth.has(a.id) ? depth.get(a.id) : last;
        const row = rows.get(d) || 0;
        rows.set(d, row + 1);
        a.layout = { d, row };
      }
      let y = 30;
      for (let band = 0; band * columns <= last; band++) {
        const inBand = missing.filter(a => Math.floor(a.layout.d / columns) === band);
        for (const a of inBand) { a.x = 30 + (a.layout.d % columns) * 210; a.y = y + a.layout.row * 100; }
        y += Math.max(0, ...inBand.map(a => a.layout.row + 1)) * 100 + 40;
      }
      for (const a of missing) delete a.layout;
    }

    render() {
      this.layout();
      this.rendering = true;
      try {
        this.editor.clear();
        this.byDf.clear(); this.dfOf.clear();
        this.doc.activities.forEach(a => {
          const outs = this.outcomes(a);
          const dfId = this.editor.addNode(a.type, a.type === "Start" ? 0 : 1, outs.length, a.x, a.y, "zz-wf-node zz-wf-" + a.type.toLowerCase(), { id: a.id }, this.nodeHtml(a));
          this.byDf.set(String(dfId), a.id);
          this.dfOf.set(a.id, String(dfId));
          const node = this.nodeElement(a.id);
          node.setAttribute("data-activity", a.id);
          node.setAttribute("aria-label", `${this.type(a)?.name ?? a.type} ${a.id}`);
          outs.forEach((o, k) => {
            const port = node.querySelector(`.outputs .output_${k + 1}`);
            if (port) { port.setAttribute("data-label", o); port.setAttribute("title", o); port.setAttribute("data-outcome", o); }
          });
        });
        for (const t of this.doc.transitions) {
          const from = this.activity(t.from), to = this.dfOf.get(t.to);
          if (!from || !to) continue;
          const k = this.outcomes(from).indexOf(t.outcome);
          if (k < 0) continue;
          this.editor.addConnection(this.dfOf.get(t.from), to, `output_${k + 1}`, "input_1");
        }
      } finally {
        this.rendering = false;
      }
      this.showIssues(this.issues);
      if (this.selected && !this.activity(this.selected)) this.selected = null;
      this.showPanel();
    }

    nodeElement(activityId) {
      return this.root.querySelector(`#node-${this.dfOf.get(activityId)}`);
    }

    wireEditor() {
      const e = this.editor;
      e.on("connectionCreated", c => {
        if (this.rendering) return;
        const from = this.activity(this.byDf.get(String(c.output_id)));
        const to = this.byDf.get(String(c.input_id));
        const outcome = from ? this.outcomes(from)[parseInt(c.output_class.replace("output_", ""), 10) - 1] : null;
        if (!from || !to || !outcome) return;
        if (!this.doc.transitions.some(t => t.from === from.id && t.outcome === outcome && t.to === to))
          this.doc.transitions.push({ from: from.id, outcome, to });
        this.changed();
      });
      e.on("connectionRemoved", c => {
        if (this.rendering) return;
        const from = this.activity(this.byDf.get(String(c.output_id)));
        const to = this.byDf.get(String(c.input_id));
        if (!from) return;
        const outcome = this.outcomes(from)[parseInt(c.output_class.replace("output_", ""), 10) - 1];
        this.doc.transitions = this.doc.transitions.filter(t => !(t.from === from.id && t.outcome === outcome && t.to === to));
        this.changed();
      });
      e.on("nodeMoved", id => {
        const a = this.activity(this.byDf.get(String(id)));
        const n = e.getNodeFromId(id);
        if (a && n) { a.x = Math.round(n.pos_x); a.y = Math.round(n.pos_y); }
      });
      e.on("nodeRemoved", id => {
        if (this.rendering) return;
        const aid = this.byDf.get(String(id));
        this.doc.activities = this.doc.activities.filter(a => a.id !== aid);
        this.doc.transitions = this.doc.transitions.filter(t => t.from !== aid && t.to !== aid);
        this.byDf.delete(String(id)); this.dfOf.delete(aid);
        if (this.selected === aid) { this.selected = null; this.showPanel(); }
        this.changed();
      });
      e.on("nodeSelected", id => { this.selected = this.byDf.get(String(id)); this.showPanel(); });
      if (this.readOnly) {
        // Drawflow ignores clicks on nodes in "fixed" mode; a read-only view still shows the clicked activity.
        this.root.querySelector(".zz-wf-canvas").addEventListener("click", ev => {
          const node = ev.target.closest(".drawflow-node");
          if (node) { this.selected = this.byDf.get(node.id.replace("node-", "")); this.showPanel(); }
        });
      }
    }

    changed() {
      const status = this.root.querySelector(".zz-wf-status");
      if (status && !this.readOnly) status.textContent = "有未保存的修改";
    }

    // ---- palette ----
    buildPalette() {
      const palette = this.root.querySelector(".zz-wf-palette");
      const groups = new Map();
      for (const t of this.types.values()) {
        if (!groups.has(t.category)) groups.set(t.category, []);
        groups.get(t.category).push(t);
      }
      for (const [category, types] of groups) {
        palette.append(el("div", { class: "zz-wf-palette-cat" }, category));
        for (const t of types) {
          palette.append(el("button", {
            type: "button", class: "zz-wf-palette-item", draggable: "true", "data-type": t.type, title: t.description || t.name,
            ondragstart: ev => { ev.dataTransfer.setData("text/plain", t.type); ev.dataTransfer.effectAllowed = "copy"; },
            onclick: () => this.add(t.type, null, null),
          }, t.name));
        }
      }
    }

    wireCanvasDrop(canvas) {
      canvas.addEventListener("dragover", ev => { ev.preventDefault(); ev.dataTransfer.dropEffect = "copy"; });
      canvas.addEventListener("drop", ev => {
        ev.preventDefault();
        const type = ev.dataTransfer.getData("text/plain");
        if (!this.types.has(type)) return;
        const rect = this.editor.precanvas.getBoundingClientRect();
        const zoom = this.editor.zoom || 1;
        this.add(type, Math.round((ev.clientX - rect.x) / zoom), Math.round((ev.clientY - rect.y) / zoom));
      });
    }

    add(type, x, y) {
      const t = this.types.get(type);
      const properties = {};
      for (const p of t.properties) if (p.kind === "Names") properties[p.name] = []; else if (p.kind === "Boolean") properties[p.name] = false;
      const n = this.doc.activities.length;
      const a = { id: this.newId(type), type, name: t.name, properties, x: x ?? 40 + (n % 5) * 220, y: y ?? 40 + Math.floor(n / 5) * 140 };
      this.doc.activities.push(a);
      this.selected = a.id;
      this.render();
      this.changed();
    }

    // ---- side panel: one editor per property kind ----
    showPanel() {
      const panel = this.root.querySelector(".zz-wf-panel");
      panel.replaceChildren();
      const a = this.selected ? this.activity(this.selected) : null;
      if (!a) { panel.append(el("p", { class: "text-secondary small mb-0" }, this.readOnly ? "点击活动查看其属性。" : "从左侧把活动拖到画布上,点击活动在此编辑属性;从活动右侧的结果圆点拖到另一活动左侧的圆点即可连线。")); return; }
      const t = this.type(a);
      const ro = this.readOnly;
      panel.append(el("h2", { class: "h6" }, t ? t.name : a.type), t?.description ? el("p", { class: "small text-secondary" }, t.description) : null);
      const form = el("div", { class: "d-grid gap-2" });
      const idInput = el("input", { id: "wf-activity-id", class: "form-control form-control-sm font-monospace", value: a.id, maxlength: "100", disabled: ro });
      idInput.addEventListener("change", () => this.rename(a, idInput.value.trim()));
      form.append(el("label", { class: "form-label small mb-0", for: "wf-activity-id" }, "活动编号"), idInput);
      const nameInput = el("input", { id: "wf-activity-name", class: "form-control form-control-sm", value: a.name || "", maxlength: "100", disabled: ro });
      nameInput.addEventListener("change", () => { a.name = nameInput.value.trim() || null; this.render(); this.changed(); });
      form.append(el("label", { class: "form-label small mb-0", for: "wf-activity-name" }, "显示名称"), nameInput);
      a.properties = a.properties || {};
      for (const p of (t ? t.properties : [])) {
        const fid = `wf-prop-${p.name}`;
        const label = el("label", { class: "form-label small mb-0", for: fid }, p.label + (p.required ? "" : "(可选)"));
        let input;
        const value = a.properties[p.name];
        switch (p.kind) {
          case "Boolean":
            input = el("input", { id: fid, type: "checkbox", class: "form-check-input", checked: value === true, disabled: ro });
            input.addEventListener("change", () => { a.properties[p.name] = input.checked; this.changed(); });
            form.append(el("div", { class: "form-check" }, input, el("label", { class: "form-check-label small", for: fid }, p.label)));
            continue;
          case "Names":
            input = el("textarea", { id: fid, class: "form-control form-control-sm", rows: "3", disabled: ro });
            input.value = Array.isArray(value) ? value.join("\n") : "";
            input.addEventListener("change", () => {
              a.properties[p.name] = input.value.split(/[\n,,、]/).map(s => s.trim()).filter(s => s);
              if (t.outcomesFrom === p.name) this.render();
              this.changed();
            });
            break;
          case "Script":
          case "Liquid":
            input = el("textarea", { id: fid, class: "form-control form-control-sm font-monospace", rows: "3", spellcheck: "false", disabled: ro });
            input.value = typeof value === "string" ? value : "";
            input.addEventListener("input", () => { a.properties[p.name] = input.value; this.changed(); });
            break;
          case "Duration":
            input = el("input", { id: fid, class: "form-control form-control-sm font-monospace", value: typeof value === "string" ? value : "", placeholder: "P7D", disabled: ro });
            input.addEventListener("input", () => {
              a.properties[p.name] = input.value.trim();
              const bad = input.value.trim() !== "" && !DURATION.test(input.value.trim());
              input.classList.toggle("is-invalid", bad);
              this.changed();
            });
            break;
          default:
            input = el("input", { id: fid, class: "form-control form-control-sm", value: typeof value === "string" ? value : "", disabled: ro });
            input.addEventListener("input", () => { a.properties[p.name] = input.value; this.changed(); });
        }
        form.append(label, input);
        if (KIND_HELP[p.kind]) form.append(el("div", { class: "form-text mt-0" }, KIND_HELP[p.kind]));
      }
      const outs = this.outcomes(a);
      form.append(el("div", { class: "small" }, "结果:" + (outs.length ? outs.join("、") : "(无,流程在此结束)")));
      const mine = this.issues.filter(i => i.activityId === a.id);
      if (mine.length) form.append(el("ul", { class: "small mb-0 ps-3" }, ...mine.map(i => el("li", { class: i.severity === "error" ? "text-danger" : "text-warning-emphasis" }, i.message))));
      if (!ro) form.append(el("button", { type: "button", class: "btn btn-sm btn-outline-danger", onclick: () => this.editor.removeNodeId("node-" + this.dfOf.get(a.id)) }, "删除此活动"));
      panel.append(form);
    }

    rename(a, id) {
      if (!id || id === a.id) return;
      if (this.activity(id)) { alert(`活动编号“${id}”已被使用`); this.showPanel(); return; }
      for (const t of this.doc.transitions) { if (t.from === a.id) t.from = id; if (t.to === a.id) t.to = id; }
      this.issues = this.issues.filter(i => i.activityId !== a.id);
      a.id = id; this.selected = id;
      this.render(); this.changed();
    }

    // ---- validation, save, dry run ----
    showIssues(issues) {
      this.issues = issues || [];
      for (const n of this.root.querySelectorAll(".zz-wf-node")) { n.classList.remove("zz-wf-error", "zz-wf-warning"); n.removeAttribute("title"); }
      for (const i of this.issues) {
        if (!i.activityId) continue;
        const n = this.nodeElement(i.activityId);
        if (!n) continue;
        n.classList.add(i.severity === "error" ? "zz-wf-error" : "zz-wf-warning");
        n.setAttribute("title", ((n.getAttribute("title") || "") + "\n" + i.message).trim());
      }
      const list = this.root.querySelector(".zz-wf-issues");
      if (!list) return;
      list.replaceChildren(...this.issues.map(i => el("li", { class: i.severity === "error" ? "text-danger" : "text-warning-emphasis", "data-activity": i.activityId || "" },
        (i.severity === "error" ? "错误:" : "提醒:") + i.message)));
    }

    async post(handler, body) {
      return requestJson(`${this.cfg.handlerUrl}?handler=${handler}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", RequestVerificationToken: this.token },
        body: JSON.stringify(body),
      });
    }

    message(text, ok) {
      const m = this.root.querySelector(".zz-wf-message");
      m.textContent = text;
      m.className = "zz-wf-message small " + (ok ? "text-success" : "text-danger");
    }

    async validate() {
      const r = await this.post("Validate", this.document());
      if (r.status === 400 || r.ok) {
        this.showIssues(r.body.issues || []);
        this.showPanel();
        const errors = (r.body.issues || []).filter(i => i.severity === "error").length;
        this.message(errors ? `校验未通过:${errors} 个错误` : "校验通过" + ((r.body.issues || []).length ? "(有提醒)" : ""), !errors);
        return errors === 0;
      }
      this.message(r.body?.detail || `校验失败(${r.status})`, false);
      return false;
    }

    async save() {
      if (!(await this.validate())) return;
      const r = await this.post("Save", this.document());
      if (r.ok) {
        this.message(`已保存为第 ${r.body.version} 版`, true);
        const status = this.root.querySelector(".zz-wf-status");
        if (status) status.textContent = `当前为第 ${r.body.version} 版`;
        const versions = this.root.querySelector(".zz-wf-versions");
        if (versions) {
          this.root.querySelector(".zz-wf-no-versions")?.remove();
          const href = `${this.cfg.handlerUrl}?version=${r.body.version}`;
          versions.prepend(el("li", {}, el("a", { href }, `第 ${r.body.version} 版`), " · 刚刚保存"));
        }
        if (this.cfg.afterSave) window.location.href = this.cfg.afterSave.replace("__ID__", encodeURIComponent(r.body.id));
      } else {
        this.showIssues(r.body?.issues || []);
        this.message(r.body?.detail || `保存失败(${r.status})`, false);
      }
    }

    async dryRun() {
      const out = this.root.querySelector(".zz-wf-dryrun-result");
      let input = null;
      const text = this.root.querySelector("#wf-dry-input").value.trim();
      if (text) {
        try { input = JSON.parse(text); } catch { out.replaceChildren(el("p", { class: "text-danger small" }, "样例输入不是有效的 JSON")); return; }
      }
      const correlationId = this.root.querySelector("#wf-dry-correlation").value.trim() || null;
      // Choices for activities that no longer exist (renamed or deleted) are dropped before the request.
      const choices = {};
      for (const [id, outcome] of Object.entries(this.dryChoices || {})) if (this.activity(id)) choices[id] = outcome;
      this.dryChoices = choices;
      const r = await this.post("DryRun", { definition: this.document(), input, correlationId, choices });
      if (!r.ok) {
        this.showIssues(r.body?.issues || []);
        out.replaceChildren(el("p", { class: "text-danger small" }, r.body?.detail || `试运行失败(${r.status})`));
        return;
      }
      const res = r.body;
      const names = id => { const a = this.activity(id); return a ? `${a.name || this.type(a)?.name || a.type}(${id})` : id; };
      const when = d => new Date(d).toLocaleString("zh-CN", { hour12: false });
      const status = { running: "运行中", waiting: "等待中", finished: "已完成", faulted: "出错", cancelled: "已取消" }[res.status] || res.status;
      const timerState = { fired: "已到期并继续", cancelled: "已取消", pending: "仍在等待" };
      const assumptions = res.assumptions || [];
      // One select per user task the run reached: picking an outcome re-runs with it.
      const tasks = [...new Map(assumptions.filter(a => a.kind === "UserTask").map(a => [a.activityId, a])).values()];
      const picker = a => {
        const current = this.dryChoices[a.activityId];
        const select = el("select", { class: "form-select form-select-sm d-inline-block w-auto ms-1", "data-choice": a.activityId, "aria-label": `${names(a.activityId)} 的结果` },
          el("option", { value: "" }, "(默认:第一个结果)"), ...a.options.map(o => el("option", { value: o }, o)));
        select.value = typeof current === "string" ? current : "";
        select.addEventListener("change", () => {
          if (select.value) this.dryChoices[a.activityId] = select.value; else delete this.dryChoices[a.activityId];
          this.dryRun();
        });
        return el("li", {}, names(a.activityId), select);
      };
      out.replaceChildren(...[
        el("div", { class: "small", "data-status": res.status }, `结果:${status}`),
        res.stopped ? el("div", { class: "small text-danger zz-wf-stopped" }, res.stopped) : null,
        res.fault ? el("div", { class: "small text-danger" }, res.fault) : null,
        el("div", { class: "small fw-semibold mt-1" }, "经过的活动"),
        el("ol", { class: "small mb-1 zz-wf-path" }, ...res.path.map(p => el("li", { "data-activity": p.activityId }, names(p.activityId)))),
        el("div", { class: "small fw-semibold" }, "假定"),
        assumptions.length ? el("ul", { class: "small mb-1 zz-wf-assumptions" }, ...assumptions.map(a =>
          el("li", { "data-activity": a.activityId, class: a.chosen ? "" : "text-warning-emphasis" }, a.message))) : el("div", { class: "small text-secondary" }, "无"),
        tasks.length ? el("div", { class: "small fw-semibold" }, "选择人工任务的结果后重新试运行") : null,
        tasks.length ? el("ul", { class: "small mb-1 list-unstyled zz-wf-choices" }, ...tasks.map(picker)) : null,
        el("div", { class: "small fw-semibold" }, "定时器(按工作日历计算到期时间)"),
        res.timers.length ? el("ul", { class: "small mb-1 zz-wf-timers" }, ...res.timers.map(t => el("li", { "data-activity": t.activityId, "data-state": t.state },
          `${names(t.activityId)}:${t.duration || ""} 设于 ${when(t.setAt)},到期 ${when(t.dueAt)}(${timerState[t.state] || t.state})`))) : el("div", { class: "small text-secondary" }, "无"),
        res.waiting.length ? el("div", { class: "small" }, "停在:" + res.waiting.map(w => names(w.activityId)).join("、")) : null,
        res.published.length ? el("div", { class: "small" }, "将发出的事件:" + res.published.map(p => p.type).join("、")) : null,
        el("div", { class: "small fw-semibold" }, "流程属性"),
        el("pre", { class: "small zz-wf-json mb-0" }, JSON.stringify(res.properties, null, 2)),
        el("div", { class: "small text-secondary" }, "试运行不保存实例、不设定时器、不发送任何事件或请求。")].filter(c => c));
      this.highlight(res.path.map(p => p.activityId));
    }

    highlight(ids) {
      for (const n of this.root.querySelectorAll(".zz-wf-node")) n.classList.remove("zz-wf-visited");
      for (const id of ids) this.nodeElement(id)?.classList.add("zz-wf-visited");
    }

    /** Zooms out (never below half size) and scrolls so that the graph starts at the canvas's top left corner. */
    fit(canvas) {
      if (!this.doc.activities.length) return;
      const left = Math.min(...this.doc.activities.map(a => a.x || 0)), top = Math.min(...this.doc.activities.map(a => a.y || 0));
      const right = Math.max(...this.doc.activities.map(a => (a.x || 0) + 180)), bottom = Math.max(...this.doc.activities.map(a => (a.y || 0) + 80));
      const z = Math.max(0.5, Math.min(1, (canvas.clientWidth - 30) / (right - left), (canvas.clientHeight - 30) / (bottom - top)));
      if (z >= 1 && left >= 0 && top >= 0 && right <= canvas.clientWidth && bottom <= canvas.clientHeight) return;
      // The pre-canvas scales about its centre: translate so that (left, top) lands at (15, 15).
      const e = this.editor, cx = e.precanvas.clientWidth / 2, cy = e.precanvas.clientHeight / 2;
      e.zoom = e.zoom_last_value = z;
      e.canvas_x = 15 - cx - (left - cx) * z;
      e.canvas_y = 15 - cy - (top - cy) * z;
      e.precanvas.style.transform = `translate(${e.canvas_x}px, ${e.canvas_y}px) scale(${z})`;
    }

    exportJson() {
      const d = this.document();
      const blob = new Blob([JSON.stringify(d, null, 2)], { type: "application/json" });
      const a = el("a", { href: URL.createObjectURL(blob), download: `${d.id || "workflow"}.json` });
      document.body.append(a); a.click(); a.remove();
    }

    wireToolbar() {
      const on = (sel, fn) => { const b = this.root.querySelector(sel); if (b) b.addEventListener("click", fn); };
      on("[data-action=validate]", () => this.validate());
      on("[data-action=save]", () => this.save());
      on("[data-action=dryrun]", () => this.dryRun());
      on("[data-action=export]", () => this.exportJson());
      on("[data-action=zoom-in]", () => this.editor.zoom_in());
      on("[data-action=zoom-out]", () => this.editor.zoom_out());
      on("[data-action=zoom-reset]", () => this.editor.zoom_reset());
    }
  }

  window.addEventListener("DOMContentLoaded", () => {
    for (const root of document.querySelectorAll("[data-wf-designer]")) {
      const d = new Designer(root);
      root.zzDesigner = d;
      d.init().then(() => root.setAttribute("data-ready", "true")).catch(err => {
        root.querySelector(".zz-wf-message")?.append(document.createTextNode("设计器加载失败:" + err.message));
      });
    }
  });
})();
