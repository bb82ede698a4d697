// A little help on top of plain forms; every page works without it.
document.addEventListener('DOMContentLoaded', () => {
  // Buttons that need a second thought (publish, revoke, rotate) ask first.
  document.querySelectorAll('[data-confirm]').forEach((el) => {
    el.addEventListener('click', (e) => {
      if (!window.confirm(el.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
  // Selects marked auto-submit apply a filter at once.
  document.querySelectorAll('select[data-autosubmit]').forEach((el) => {
    el.addEventListener('change', () => el.form && el.form.submit());
  });
  // Text areas with a limit show how much room is left.
  document.querySelectorAll('textarea[maxlength]').forEach((el) => {
    const note = document.createElement('div');
    note.className = 'muted small';
    const update = () => { note.textContent = `已输入 ${el.value.length} / ${el.maxLength} 字`; };
    el.after(note);
    el.addEventListener('input', update);
    update();
  });
});
