// Starts Gapcast from the single HTML file: checks the browser, unpacks the
// inlined wasm (xz + base64) with the vendored xz-decompress decoder, and hands
// it to wasm-bindgen's no-modules glue; the XLSX writer's module only when it
// is first asked for. Also owns the crash banner, so it still works when the
// wasm instance is dead.
(function () {
  "use strict";
  var status = document.getElementById("boot-status");

  function message(zh, en) {
    status.className = "boot-message boot-error";
    status.setAttribute("role", "alert");
    status.textContent = "";
    var p1 = document.createElement("p");
    p1.textContent = zh;
    var p2 = document.createElement("p");
    p2.lang = "en";
    p2.textContent = en;
    status.appendChild(p1);
    status.appendChild(p2);
  }

  // Shown by the Rust panic hook, and for any error that escapes the app.
  var crashed = false;
  window.gapcastShowCrash = function (details) {
    if (crashed) return;
    crashed = true;
    var box = document.createElement("div");
    box.id = "gapcast-crash";
    box.setAttribute("role", "alert");
    box.innerHTML =
      "<h2>出错了 <span lang=\"en\">/ Something went wrong</span></h2>" +
      "<p>页面遇到意外错误。您粘贴的数据已自动保存，重新加载后仍在。请复制详情发给维护人员。</p>" +
      "<p lang=\"en\">The page hit an unexpected error. Your pasted data is saved and will be back after a reload. Please send the details to the maintainers.</p>" +
      "<pre></pre><p><button type=\"button\" data-act=\"copy\">复制详情 / Copy details</button> " +
      "<button type=\"button\" data-act=\"reload\">重新加载 / Reload</button></p>";
    box.querySelector("pre").textContent = String(details);
    box.addEventListener("click", function (e) {
      var act = e.target && e.target.getAttribute("data-act");
      // Reloads without the fragment: a link's fragment may be what crashed it.
      if (act === "reload") location.replace(location.href.split("#")[0]);
      if (act === "copy") {
        var text = box.querySelector("pre").textContent;
        var done = function () { e.target.textContent = "已复制 / Copied"; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, function () { selectDetails(box); });
        } else {
          selectDetails(box);
        }
      }
    });
    document.body.insertBefore(box, document.body.firstChild);
  };
  function selectDetails(box) {
    var range = document.createRange();
    range.selectNodeContents(box.querySelector("pre"));
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  window.addEventListener("error", function (e) {
    if (window.gapcastStarted) window.gapcastShowCrash(e.message || e.error);
  });
  window.addEventListener("unhandledrejection", function (e) {
    if (window.gapcastStarted) window.gapcastShowCrash(e.reason);
  });

  var xz = window["xz-decompress"];
  if (typeof WebAssembly !== "object" || typeof ReadableStream !== "function" ||
      typeof Response !== "function" || !Blob.prototype.stream || !xz) {
    message(
      "此浏览器版本过旧，无法运行 Gapcast（需要 WebAssembly 和数据流支持）。请使用 Chrome 或 Edge 80 及以上、Firefox 78 及以上、Safari 14.1 及以上，或 360、QQ 浏览器的“极速模式”。",
      "This browser is too old to run Gapcast (it needs WebAssembly and streams). Use Chrome or Edge 80+, Firefox 78+, Safari 14.1+, or the 'speed mode' of 360 or QQ Browser."
    );
    return;
  }

  // The inlined wasm of the script element `id` (xz + base64), unpacked.
  function unpack(id) {
    var holder = document.getElementById(id);
    var text = holder.textContent;
    holder.remove();
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Response(new xz.XzReadableStream(new Blob([bytes]).stream())).arrayBuffer();
  }

  // The XLSX writer, a wasm module of its own (xlsx/), unpacked on the first
  // export to Excel rather than at every start: `request` is the JSON of the
  // core's WorkbookRequest; resolves with the workbook's bytes.
  var xlsx = null;
  window.gapcastXlsx = function (request) {
    if (!xlsx) {
      xlsx = unpack("gapcast-xlsx-wasm").then(function (wasm) {
        return gapcast_xlsx({ module_or_path: wasm });
      });
    }
    return xlsx.then(function () { return gapcast_xlsx.workbook(request); });
  };

  unpack("gapcast-wasm")
    .then(function (wasm) {
      // Marks for the timing script (cargo xtask bench-page).
      performance.mark("gapcast-unpacked");
      window.gapcastStarted = true;
      return wasm_bindgen({ module_or_path: wasm });
    })
    .then(function () { status.remove(); })
    .catch(function (e) {
      message("Gapcast 启动失败：" + e, "Gapcast could not start: " + e);
    });
})();
