// Two-factor settings: once django-otp-webauthn's script has registered a passkey, load the
// page again so it lists the new passkey (and the server's messages).
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function () {
    window.location.reload();
  });
})();
