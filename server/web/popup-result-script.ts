// The script of a page that ends a popup flow (admin consent, a personal calendar's sign-in): it tells
// every window that may be waiting for the outcome. Quorum pages of this browser hear it on a
// BroadcastChannel (a tab in another window, or one whose popup lost `opener` on Microsoft's pages);
// the tab that opened the popup gets a postMessage; and Teams, when the popup came from teams-js
// `authentication.authenticate`, gets notifySuccess or notifyFailure — Teams closes the window and
// resolves (or rejects) the tab's call with the result.

export interface PopupResultScriptOptions {
  /** The BroadcastChannel the result is announced on. */
  channel: string;
  /** Quorum's origin: the only origin the opener message is delivered to. */
  openerOrigin: string;
  /** Same-origin URL of teams-js; loaded only in a popup whose opener is not a Quorum page. */
  teamsScriptUrl: string;
  /** The page's CSP nonce, given to the teams-js script element. */
  nonce: string;
  /** The flow was started in a popup (the tab's window, or Teams' authentication window). */
  popup: boolean;
}

/** A value as a JavaScript literal that cannot close its script element. */
function literal(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The inline script; it reads the outcome from the page's `<script type="application/json" id="result">`. */
export function popupResultScript(options: PopupResultScriptOptions): string {
  const origin = literal(options.openerOrigin);
  return `(function () {
  var result = JSON.parse(document.getElementById('result').textContent);
  var text = JSON.stringify(result);
  if (typeof BroadcastChannel === 'function') {
    try {
      var channel = new BroadcastChannel(${literal(options.channel)});
      channel.postMessage(result);
      channel.close();
    } catch (e) {}
  }
  var opener = window.opener;
  var openerIsQuorum = false;
  if (opener) {
    try { openerIsQuorum = opener.location.origin === ${origin}; } catch (e) {}
    try { opener.postMessage(result, ${origin}); } catch (e) {}
  }
  // Opened by Teams (its window is of another origin): only teams-js can hand the result back.
  if (${literal(options.popup)} && opener && !openerIsQuorum) {
    var script = document.createElement('script');
    script.nonce = ${literal(options.nonce)};
    script.src = ${literal(options.teamsScriptUrl)};
    script.onload = function () {
      var teams = window.microsoftTeams;
      if (!teams) return;
      teams.app.initialize().then(function () {
        if (result.ok) teams.authentication.notifySuccess(text);
        else teams.authentication.notifyFailure(text);
      }, function () {});
    };
    document.head.appendChild(script);
  }
  var close = document.getElementById('close');
  if (close) close.addEventListener('click', function () { window.close(); });
})();`;
}
