// Builds the embed iframe of sandboxed.html: the block on the other loopback name (so it is another origin), with
// `allow` when the page's URL has `?allow=1`. `allow` must be set before `src`: it is read when the frame loads.
const params = new URLSearchParams(location.search);
const embed = document.getElementById('embed');
if (params.get('allow') === '1') embed.setAttribute('allow', 'camera; microphone; display-capture; fullscreen');
const otherHost = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
embed.src = `http://${otherHost}:${location.port}/embed.html?channel=${encodeURIComponent(params.get('channel') ?? 'cms')}`;
