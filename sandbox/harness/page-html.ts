/** The harness's form page: Dynamics' layout regions, filled by client/harness-page.ts. */
export function harnessHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Dynamics 365 (harness)</title>
<link rel="icon" href="/favicon.ico" />
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: 'Segoe UI', 'Segoe UI Web (West European)', -apple-system, sans-serif; font-size: 14px; color: #242424; background: #f5f5f5; height: 100vh; display: flex; flex-direction: column; }
  .nav { background: #0f6cbd; color: #fff; height: 48px; display: flex; align-items: center; gap: 16px; padding: 0 16px; }
  .nav h1 { font-size: 16px; font-weight: 600; margin: 0; flex: 1; }
  .nav label { font-size: 12px; }
  .nav select { font: inherit; font-size: 13px; }
  .nav a { color: #fff; }
  .commandbar[hidden] { display: none; }
  .sitemap { display: flex; gap: 12px; }
  .sitemap a[aria-current='page'] { font-weight: 600; text-decoration-thickness: 2px; }
  .webresource-page { flex: 1; display: flex; min-height: 0; }
  .webresource-page iframe { border: 0; flex: 1; width: 100%; background: #fff; }
  .commandbar { background: #fff; border-bottom: 1px solid #e0e0e0; display: flex; gap: 4px; padding: 4px 8px; min-height: 44px; align-items: center; flex-wrap: wrap; }
  .commandbar button { font: inherit; background: transparent; border: 1px solid transparent; border-radius: 4px; padding: 6px 10px; display: inline-flex; align-items: center; gap: 6px; cursor: pointer; color: #242424; }
  .commandbar button:hover { background: #f0f0f0; }
  .commandbar button:focus-visible { outline: 2px solid #0f6cbd; }
  .commandbar img { width: 16px; height: 16px; }
  .main { flex: 1; display: flex; min-height: 0; }
  .form { flex: 1; overflow: auto; padding: 16px 24px; }
  .header h2 { font-size: 20px; font-weight: 600; margin: 0 0 4px; }
  .header p { margin: 0 0 12px; color: #616161; }
  .tabs { display: flex; gap: 16px; border-bottom: 1px solid #e0e0e0; margin-bottom: 12px; }
  .tabs button { font: inherit; background: none; border: none; border-bottom: 2px solid transparent; padding: 8px 2px; cursor: pointer; }
  .tabs button[aria-selected='true'] { border-bottom-color: #0f6cbd; font-weight: 600; }
  .section { background: #fff; border-radius: 8px; box-shadow: 0 1px 2px rgba(0,0,0,.14); padding: 16px; max-width: 760px; }
  .section dl { display: grid; grid-template-columns: 200px 1fr; gap: 8px 16px; margin: 0; }
  .section dt { color: #616161; }
  .section dd { margin: 0; }
  .sidepanes { display: flex; }
  .sidepane { width: 400px; min-width: 300px; background: #fff; border-left: 1px solid #e0e0e0; display: flex; flex-direction: column; }
  .sidepane[hidden] { display: none; }
  .sidepane header { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px; border-bottom: 1px solid #e0e0e0; font-weight: 600; }
  .sidepane iframe, .dialog iframe { border: 0; flex: 1; width: 100%; }
  .layer { position: fixed; inset: 0; background: rgba(0,0,0,.4); display: flex; align-items: center; justify-content: center; }
  .dialog { background: #fff; border-radius: 8px; box-shadow: 0 8px 32px rgba(0,0,0,.3); display: flex; flex-direction: column; }
  .dialog header { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px; font-size: 18px; font-weight: 600; }
  .notifications { display: flex; flex-direction: column; gap: 4px; margin-bottom: 8px; }
  .notification { padding: 8px 12px; border-radius: 4px; background: #ebf3fc; border: 1px solid #b4d6fa; }
  .notification.error { background: #fdf3f4; border-color: #eeacb2; color: #751d1f; }
  .notification.warning { background: #fff9f5; border-color: #fdcfb4; }
  .closebtn { font: inherit; background: none; border: none; font-size: 18px; cursor: pointer; padding: 4px 8px; }
</style>
</head>
<body>
  <div class="nav" role="banner"><h1>Dynamics 365 — Sales Hub <small>(DiliTrust CLM sandbox harness)</small></h1>
    <nav class="sitemap" id="sitemap" aria-label="DiliTrust CLM app"></nav>
    <a id="switch-record" href="#"></a>
    <label>Signed in as <select id="user-switch" aria-label="Signed-in demo user"></select></label>
  </div>
  <div class="commandbar" id="commandbar" role="toolbar" aria-label="Commands"></div>
  <div class="main">
    <main class="form" id="form">
      <div class="notifications" id="notifications"></div>
      <div class="header"><h2 id="record-name">…</h2><p id="record-kind"></p></div>
      <div class="tabs" role="tablist" id="tabs"></div>
      <div id="tab-panels"></div>
    </main>
    <div class="sidepanes" id="sidepanes"></div>
  </div>
  <div id="dialogs"></div>
  <script src="/_harness/client.js"></script>
</body>
</html>`;
}
