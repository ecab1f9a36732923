// Starts Gapcast from the single HTML file: checks the browser, then streams the
// inlined wasm (gzip + base64) through the browser's own DecompressionStream
// into WebAssembly.instantiateStreaming, so it compiles while it decodes, and
// hands the instance to wasm-bindgen's no-modules glue; the XLSX writer's
// module the same way, only when it is first asked for. Also owns the crash
// banner, so it still works when the wasm instance is dead.
(function () {
  "use strict";
  var status = document.getElementById("boot-status");

  // A failure to start replaces the first screen's static skeleton (which
  // would otherwise wait for an app that never comes) with the message.
  function message(zh, en) {
    var skeleton = document.getElementById("app");
    if (skeleton && !window.gapcastMounted) skeleton.textContent = "";
    status.hidden = false;
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

  // DecompressionStream is the newest of what is needed (Chrome and Edge 80,
  // Firefox 113, Safari 16.4); the others are older.
  if (typeof WebAssembly !== "object" || typeof ReadableStream !== "function" ||
      typeof Response !== "function" || !Blob.prototype.stream ||
      typeof DecompressionStream !== "function") {
    message(
      "此浏览器版本过旧，无法运行 Gapcast（需要 WebAssembly 和数据流解压支持）。请使用 Chrome 或 Edge 80 及以上、Firefox 113 及以上、Safari 16.4 及以上，或 360、QQ 浏览器的“极速模式”。",
      "This browser is too old to run Gapcast (it needs WebAssembly and stream decompression). Use Chrome or Edge 80+, Firefox 113+, Safari 16.4+, or the 'speed mode' of 360 or QQ Browser."
    );
    return;
  }

  // The inlined wasm of the script element `id` (gzip + base64), as a
  // Response that decodes while it is read: wasm-bindgen's glue hands it to
  // WebAssembly.instantiateStreaming, which compiles as the bytes arrive.
  function unpack(id) {
    var holder = document.getElementById(id);
    var text = holder.textContent;
    holder.remove();
    var bytes;
    if (typeof Uint8Array.fromBase64 === "function") {
      bytes = Uint8Array.fromBase64(text);
    } else {
      var binary = atob(text);
      bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")), {
      headers: { "Content-Type": "application/wasm" },
    });
  }

  // The XLSX writer, a wasm module of its own (xlsx/), unpacked on the first
  // export to Excel rather than at every start: `request` is the JSON of the
  // core's WorkbookRequest; resolves with the workbook's bytes.
  var xlsx = null;
  window.gapcastXlsx = function (request) {
    if (!xlsx) xlsx = gapcast_xlsx({ module_or_path: unpack("gapcast-xlsx-wasm") });
    return xlsx.then(function () { return gapcast_xlsx.workbook(request); });
  };

  // The static first screen paints before the decoding and compiling start:
  // right after the next frame, or after 250 ms where frames wait (a tab
  // opened in the background).
  var started = false;
  function startOnce() {
    if (started) return;
    started = true;
    start();
  }
  requestAnimationFrame(function () { setTimeout(startOnce, 0); });
  setTimeout(startOnce, 250);

  function start() {
    var wasm = unpack("gapcast-wasm");
    // Marks for the timing script (cargo xtask bench-page).
    performance.mark("gapcast-boot");
    window.gapcastStarted = true;
    // The glue sees a Response and uses instantiateStreaming on it.
    wasm_bindgen({ module_or_path: wasm })
      .then(function () {
        window.gapcastMounted = true;
        status.remove();
      })
      .catch(function (e) {
        message("Gapcast 启动失败：" + e, "Gapcast could not start: " + e);
      });
  }
})();
