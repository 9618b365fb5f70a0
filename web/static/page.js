// The participants' page follows the room where scripts run: the server
// sends each change as an event (server-sent events), and the part of the
// page that shows the stop and the check is drawn again. Everything works
// without this script too: the forms post, and a reload shows the latest.
(function () {
  'use strict';
  var main = document.getElementById('main');
  var status = document.getElementById('status');
  // A page drawn after a form was sent says how it went: move there, so
  // that a screen reader says it and a phone shows it.
  if (status && status.textContent.trim() !== '') {
    status.focus();
  }
  if (!main || !main.dataset.events || !window.EventSource || !window.JSON) {
    return;
  }
  var events = new EventSource(main.dataset.events);
  function say(words) {
    var s = document.getElementById('status');
    if (s && words) {
      s.className = 'status';
      s.textContent = words;
    }
  }
  events.addEventListener('view', function (e) {
    var d = JSON.parse(e.data);
    var live = document.getElementById('live');
    if (!live) {
      return;
    }
    // The part drawn again may hold what has the focus (an answer being
    // chosen): it keeps it, found again by its id.
    var had = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : '';
    live.innerHTML = d.html;
    // The forms drawn for the stream carry no token: they take the one
    // the note form was drawn with.
    var token = document.querySelector('form[action="/note"] input[name=form]');
    if (token) {
      Array.prototype.forEach.call(live.querySelectorAll('input[name=form]'), function (input) {
        input.value = token.value;
      });
    }
    if (had) {
      var el = document.getElementById(had);
      if (el) {
        el.focus();
      }
    }
    say(d.say);
  });
  events.addEventListener('ended', function (e) {
    var d = JSON.parse(e.data);
    events.close();
    main.innerHTML = d.html;
    document.title = d.title;
    var h = main.querySelector('h1');
    if (h) {
      h.tabIndex = -1;
      h.focus();
    }
  });
})();
