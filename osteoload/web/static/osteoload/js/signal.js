/* osteoload: the signal of a timer (a hold, a rest): a clear sound and a vibration.
 *
 * The sound is made here with the Web Audio API (no audio file): short tones below 1 kHz,
 * which older ears hear best. Phones allow sound only after a tap, so every tap on the page
 * wakes the audio up; where there is no sound (or it is switched off) the phone vibrates,
 * where it can. Each signal is announced as an "osteoload:signal" event on the document
 * (detail: kind, sound, vibrate), which the browser tests listen to.
 * No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  // [start (s), frequency (Hz), length (s)] per tone, and a vibration pattern (ms).
  var PATTERNS = {
    start: { tones: [[0, 587, 0.18]], vibrate: [80] },
    end: {
      tones: [[0, 784, 0.3], [0.45, 784, 0.3], [0.9, 587, 0.6]],
      vibrate: [400, 150, 400, 150, 600]
    }
  };
  var context = null;

  function audio() {
    var Kind = window.AudioContext || window.webkitAudioContext;
    if (!Kind) {
      return null;
    }
    if (context === null) {
      try {
        context = new Kind();
      } catch (error) {
        return null;
      }
    }
    return context;
  }

  function wake() {
    var c = audio();
    if (c && c.state === "suspended" && typeof c.resume === "function") {
      c.resume().catch(function () {});
    }
  }

  ["pointerdown", "touchend", "click", "keydown"].forEach(function (name) {
    document.addEventListener(name, wake, true);
  });

  function tone(c, at, frequency, length) {
    var oscillator = c.createOscillator();
    var gain = c.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.8, at + 0.02);
    gain.gain.setValueAtTime(0.8, at + length - 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    oscillator.connect(gain);
    gain.connect(c.destination);
    oscillator.start(at);
    oscillator.stop(at + length + 0.05);
  }

  function signal(kind) {
    var pattern = PATTERNS[kind] || PATTERNS.end;
    var sound = false;
    var vibrated = false;
    var c = audio();
    if (c) {
      try {
        var now = c.currentTime + 0.02;
        pattern.tones.forEach(function (t) {
          tone(c, now + t[0], t[1], t[2]);
        });
        sound = c.state !== "closed";
      } catch (error) {
        sound = false;
      }
    }
    if (typeof navigator.vibrate === "function") {
      try {
        vibrated = navigator.vibrate(pattern.vibrate) !== false;
      } catch (error) {
        vibrated = false;
      }
    }
    document.dispatchEvent(new CustomEvent("osteoload:signal", {
      detail: { kind: kind, sound: sound, vibrate: vibrated }
    }));
  }

  window.osteoloadSignal = signal;
})();
