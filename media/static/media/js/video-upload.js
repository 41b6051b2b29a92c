/*
 * Direct video upload to S3 (media/uploads.py): when an editor picks a clip, the browser
 * asks the admin to start a multipart upload, PUTs each part to its presigned URL with a
 * progress bar, asks the admin to complete (it checks size and content), and puts the
 * signed result in the hidden `uploaded_file` field; the file input is then emptied so the
 * form posts no file. On any error the upload is aborted and the message shown. Its texts
 * are translated through Django's JavaScript catalogue (see TEXT below).
 *
 * With local storage (data-video-upload-local) there is no bucket: the file is posted alone
 * to the admin, which checks and stores it and answers with the same signed result, and the
 * progress bar follows the request's upload progress events.
 */
(function () {
  "use strict";

  // Django's JavaScript catalogue (the admin-only URL of cms/urls.py, loaded before this
  // script by the widget's media) defines window.gettext in the editor's language; the
  // msgids are the Vietnamese texts, so without the catalogue the page stays Vietnamese.
  // English: locale/en/LC_MESSAGES/djangojs.po.
  function gettext(msgid) {
    return typeof window.gettext === "function" ? window.gettext(msgid) : msgid;
  }

  // Looked up when shown, not when this script loads, so the order of scripts never matters.
  var TEXT = {
    get uploading() {
      return gettext("Đang tải video lên kho lưu trữ…");
    },
    get done() {
      return gettext("Đã tải lên xong. Bấm Lưu để hoàn tất.");
    },
    get failed() {
      return gettext("Tải lên không thành công: ");
    },
    get network() {
      return gettext("mất kết nối tới kho lưu trữ.");
    },
  };

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function postJSON(url, form, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(form),
      },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || String(response.status));
        return data;
      });
    });
  }

  function putPart(url, blob, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("PUT", url);
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) onProgress(event.loaded);
      };
      xhr.onload = function () {
        var etag = xhr.getResponseHeader("ETag");
        if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
        else reject(new Error(TEXT.network));
      };
      xhr.onerror = function () {
        reject(new Error(TEXT.network));
      };
      xhr.send(blob);
    });
  }

  function postFile(url, form, file, onProgress) {
    return new Promise(function (resolve, reject) {
      var body = new FormData();
      body.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRFToken", csrfToken(form));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.responseType = "json";
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
      xhr.onload = function () {
        var data = xhr.response || {};
        if (xhr.status >= 200 && xhr.status < 300 && data.uploaded) resolve(data);
        else reject(new Error(data.error || String(xhr.status)));
      };
      xhr.onerror = function () {
        reject(new Error(TEXT.network));
      };
      xhr.send(body);
    });
  }

  function ui(input) {
    var box = input.parentNode.querySelector(".video-upload-status");
    if (!box) {
      box = document.createElement("div");
      box.className = "video-upload-status";
      box.innerHTML = '<progress max="100" value="0"></progress> <span role="status"></span>';
      input.parentNode.appendChild(box);
    }
    return { bar: box.querySelector("progress"), text: box.querySelector("span") };
  }

  function setSubmitting(form, busy) {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
      button.disabled = busy;
    });
  }

  async function uploadLocal(input) {
    var file = input.files && input.files[0];
    var form = input.form;
    var hidden = form.querySelector("input[name=uploaded_file]");
    if (!file || !hidden) return;
    var view = ui(input);
    hidden.value = "";
    setSubmitting(form, true);
    view.text.textContent = TEXT.uploading;
    view.bar.value = 0;
    try {
      var stored = await postFile(input.dataset.videoUploadLocal, form, file, function (loaded, total) {
        view.bar.value = Math.floor((loaded / total) * 100);
      });
      hidden.value = stored.uploaded;
      input.value = "";
      view.bar.value = 100;
      view.text.textContent = TEXT.done + " (" + file.name + ")";
    } catch (error) {
      view.text.textContent = TEXT.failed + error.message;
      input.value = "";
    } finally {
      setSubmitting(form, false);
    }
  }

  async function upload(input) {
    var file = input.files && input.files[0];
    var form = input.form;
    var hidden = form.querySelector("input[name=uploaded_file]");
    if (!file || !hidden) return;
    var view = ui(input);
    var ticket = null;
    hidden.value = "";
    setSubmitting(form, true);
    view.text.textContent = TEXT.uploading;
    view.bar.value = 0;
    try {
      var started = await postJSON(input.dataset.videoUploadStart, form, {
        filename: file.name,
        size: file.size,
      });
      ticket = started.ticket;
      var parts = [];
      var sent = 0;
      for (var index = 0; index < started.urls.length; index++) {
        var from = index * started.part_size;
        var blob = file.slice(from, Math.min(from + started.part_size, file.size));
        var etag = await putPart(started.urls[index], blob, function (loaded) {
          view.bar.value = Math.floor(((sent + loaded) / file.size) * 100);
        });
        sent += blob.size;
        parts.push({ part_number: index + 1, etag: etag });
      }
      var completed = await postJSON(input.dataset.videoUploadComplete, form, {
        ticket: ticket,
        parts: parts,
      });
      hidden.value = completed.uploaded;
      input.value = "";
      view.bar.value = 100;
      view.text.textContent = TEXT.done + " (" + file.name + ")";
    } catch (error) {
      view.text.textContent = TEXT.failed + error.message;
      if (ticket) {
        postJSON(input.dataset.videoUploadAbort, form, { ticket: ticket }).catch(function () {});
      }
      input.value = "";
    } finally {
      setSubmitting(form, false);
    }
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-video-upload-start]")) {
      upload(input);
    } else if (input.matches && input.matches("input[type=file][data-video-upload-local]")) {
      uploadLocal(input);
    }
  });
})();
