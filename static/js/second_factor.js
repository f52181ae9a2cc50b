// The enrolment page (templates/admin/second_factor/enrol.html): once django-otp-webauthn's
// script has registered a passkey, the login is complete; go on to the recovery codes.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  window.location.assign(event.target.dataset.next);
});
