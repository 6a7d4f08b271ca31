// 在线访谈: while the interview is live, append new transcript entries every 10 s without a reload.
(function () {
  var list = document.getElementById("interview-transcript");
  if (!list || !list.dataset.feed) return;
  function last() {
    var items = list.querySelectorAll("li[data-id]");
    return items.length ? items[items.length - 1].dataset.id : 0;
  }
  function poll() {
    fetch(list.dataset.feed + "?after=" + last(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.entries.forEach(function (entry) {
          var item = document.createElement("li");
          item.dataset.id = entry.id;
          var head = document.createElement("p");
          head.className = "transcript-speaker";
          head.textContent = entry.time + " " + entry.speaker;
          var text = document.createElement("p");
          text.textContent = entry.text;
          item.append(head, text);
          list.append(item);
        });
        if (data.state === "live") setTimeout(poll, 10000);
      })
      .catch(function () { setTimeout(poll, 30000); });
  }
  setTimeout(poll, 10000);
})();
