// Keeps the header live without a reload: advances each city's clock every minute and rolls
// the date line and the day counters over at midnight in the host city's zone. It reads the
// zones and dates the server rendered; without JavaScript the server's figures stand.
(function () {
  "use strict";

  var panel = document.querySelector("[data-clock-zone]");
  if (!panel || !window.Intl) {
    return;
  }
  var hostZone = panel.getAttribute("data-clock-zone");
  var lang = document.documentElement.lang || "en";

  function partsIn(locale, options, date) {
    var values = {};
    new Intl.DateTimeFormat(locale, options).formatToParts(date).forEach(function (part) {
      values[part.type] = part.value;
    });
    return values;
  }

  function parts(date, zone) {
    return partsIn("en-GB", {
      timeZone: zone,
      year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }, date);
  }

  function offset(date, zone) {
    // Minutes the zone is ahead of UTC at this moment.
    var p = parts(date, zone);
    var asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
    return Math.round((asUtc - Math.floor(date.getTime() / 60000) * 60000) / 60000);
  }

  function isoWithOffset(date, zone) {
    var p = parts(date, zone);
    var minutes = offset(date, zone);
    var sign = minutes < 0 ? "-" : "+";
    minutes = Math.abs(minutes);
    var hh = String(Math.floor(minutes / 60)).padStart(2, "0");
    var mm = String(minutes % 60).padStart(2, "0");
    return p.year + "-" + p.month + "-" + p.day + "T" + p.hour + ":" + p.minute + sign + hh + ":" + mm;
  }

  function localDate(date, zone) {
    var p = parts(date, zone);
    return p.year + "-" + p.month + "-" + p.day;
  }

  function datelineText(date) {
    // What the server writes with "j E Y": the day, the month as it reads after a day number
    // (genitive in Russian) and the year, and nothing else the language's long date may add
    // (Russian's "28 июня 2022 г."), so the date line reads the same before and after midnight.
    var p = partsIn(lang === "en" ? "en-GB" : lang, {
      timeZone: hostZone, day: "numeric", month: "long", year: "numeric"
    }, date);
    return p.day + " " + p.month + " " + p.year;
  }

  var pluralRules = window.Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  function counterSentence(counter, days) {
    // The server rendered the counter's sentence for a count of each plural form of the page's
    // language, in <template data-count> elements; the one whose count is of the same plural
    // category as `days` words `days` as the server would ("21 день", "22 дня", "25 дней").
    if (!pluralRules) {
      return null;
    }
    var category = pluralRules.select(days);
    var samples = counter.querySelectorAll("template[data-count]");
    for (var i = 0; i < samples.length; i++) {
      if (pluralRules.select(+samples[i].getAttribute("data-count")) === category) {
        var sentence = samples[i].content.cloneNode(true);
        sentence.querySelector(".counter__days").textContent = String(days);
        return sentence;
      }
    }
    return null;
  }

  function daysBetween(fromIso, toIso) {
    var a = fromIso.split("-"), b = toIso.split("-");
    return Math.round((Date.UTC(+b[0], b[1] - 1, +b[2]) - Date.UTC(+a[0], a[1] - 1, +a[2])) / 86400000);
  }

  function tick() {
    var now = new Date();
    document.querySelectorAll("time[data-zone]").forEach(function (element) {
      var zone = element.getAttribute("data-zone");
      var p = parts(now, zone);
      element.textContent = p.hour + ":" + p.minute;
      element.setAttribute("datetime", isoWithOffset(now, zone));
    });

    var today = localDate(now, hostZone);
    var dateline = document.querySelector("time[data-dateline]");
    if (dateline && dateline.getAttribute("datetime") !== today) {
      dateline.setAttribute("datetime", today);
      dateline.textContent = datelineText(now);
    }
    document.querySelectorAll(".counter[data-since]").forEach(function (counter) {
      var days = daysBetween(counter.getAttribute("data-since"), today);
      var figure = counter.querySelector(".counter__days");
      if (days < 0) {
        counter.hidden = true;
      } else if (figure && figure.textContent !== String(days)) {
        var sentence = counterSentence(counter, days);
        if (sentence) {
          counter.querySelector(".counter__text").replaceChildren(sentence);
        } else {
          figure.textContent = String(days);
        }
      }
    });
  }

  function schedule() {
    // Wake just after the next whole minute, then every minute.
    var now = Date.now();
    window.setTimeout(function () {
      tick();
      schedule();
    }, 60000 - (now % 60000) + 50);
  }

  tick();
  schedule();
})();
