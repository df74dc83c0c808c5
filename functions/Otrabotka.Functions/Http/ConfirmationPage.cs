using Otrabotka.Domain;

namespace Otrabotka.Functions.Http;

/// <summary>
/// The employer's page, in Kazakh and Russian: it reads the token from the fragment (never sent to the
/// server in the URL), shows what is to be confirmed, and posts the decision.
/// </summary>
public static class ConfirmationPage
{
    public static readonly string Html = Build();

    private static string Build()
    {
        var contacts = string.Join("<br>", Contacts.Lines(Language.Kk).Select(System.Net.WebUtility.HtmlEncode))
            + "<br><br>" + string.Join("<br>", Contacts.Lines(Language.Ru).Select(System.Net.WebUtility.HtmlEncode));
        return """
<!doctype html>
<html lang="kk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Жұмысқа қабылдауды растау / Подтверждение трудоустройства</title>
<style>
body{font-family:Arial,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.4rem} dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem} dt{color:#555}
label{display:block;margin:.6rem 0 .2rem} input,textarea{width:100%;padding:.4rem;font:inherit;box-sizing:border-box}
button{margin:1rem .5rem 0 0;padding:.6rem 1.2rem;font:inherit;border:0;border-radius:4px;cursor:pointer}
#confirm{background:#1a7f37;color:#fff} #decline{background:#b42318;color:#fff}
.msg{padding:.8rem;border-radius:4px;background:#f2f4f7;margin:1rem 0} footer{margin-top:2rem;font-size:.85rem;color:#555}
</style>
</head>
<body>
<h1>Жұмысқа қабылдауды растау<br><small>Подтверждение трудоустройства</small></h1>
<div id="status" class="msg">Жүктелуде… / Загрузка…</div>
<section id="details" hidden>
<dl>
<dt>Түлек / Выпускник</dt><dd id="graduate"></dd>
<dt>Ұйым / Организация</dt><dd id="employer"></dd>
<dt>БСН / БИН</dt><dd id="bin"></dd>
<dt>Лауазымы / Должность</dt><dd id="position"></dd>
<dt>Басталуы / Начало</dt><dd id="start"></dd>
<dt>Өңір / Регион</dt><dd id="region"></dd>
<dt>Ұйым түрі / Вид организации</dt><dd id="kinds"></dd>
</dl>
<form id="form">
<label for="name">Растаушының аты-жөні / ФИО подтверждающего</label><input id="name" required maxlength="200">
<label for="role">Лауазымы / Должность</label><input id="role" required maxlength="200">
<label for="note">Ескертпе / Примечание</label><textarea id="note" rows="3" maxlength="2000"></textarea>
<button type="submit" id="confirm" value="confirm">Растаймын / Подтверждаю</button>
<button type="submit" id="decline" value="decline">Растамаймын / Не подтверждаю</button>
</form>
</section>
<footer>
""" + contacts + """
</footer>
<script>
const token = new URLSearchParams(location.hash.slice(1)).get('t');
const status = document.getElementById('status');
function show(text) { status.textContent = text; }
async function post(path, body) {
  const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'kk, ru;q=0.9' }, body: JSON.stringify(body) });
  return { ok: r.ok, body: await r.json() };
}
async function load() {
  if (!token) { show('Сілтеме толық емес. / Ссылка неполная.'); return; }
  const r = await post('api/confirmations/view', { token });
  if (!r.ok) { show(r.body.detail || 'Қате / Ошибка'); return; }
  const v = r.body;
  for (const [id, value] of [['graduate', v.graduateName], ['employer', v.employerName], ['bin', v.employerBin], ['position', v.position], ['start', v.startDate], ['region', v.regionName], ['kinds', (v.organisationKindNames || []).join(', ')]]) {
    document.getElementById(id).textContent = value;
  }
  status.textContent = 'Деректерді тексеріп, шешім қабылдаңыз. / Проверьте данные и примите решение.';
  document.getElementById('details').hidden = false;
}
document.getElementById('form').addEventListener('submit', async e => {
  e.preventDefault();
  const decision = e.submitter.value;
  const r = await post('api/confirmations/decision', {
    token, decision,
    confirmerName: document.getElementById('name').value,
    confirmerPosition: document.getElementById('role').value,
    note: document.getElementById('note').value || null
  });
  document.getElementById('details').hidden = r.ok;
  show(r.ok ? 'Рақмет! Жауабыңыз тіркелді. / Спасибо! Ваш ответ записан.' : (r.body.detail || 'Қате / Ошибка'));
});
load();
</script>
</body>
</html>
""";
    }
}
