import { createWirePanel } from '/wire/panel.js'
import { Api } from './api.js'
import { LiveUpdates } from './push.js'

const $ = (id) => document.getElementById(id)
const api = new Api()
/** What crossed the wire for what this page did (packages/wire/web). */
const wire = createWirePanel($('wire'))
const state = {
  config: undefined,
  posts: [],
  cursor: null,
  etag: undefined,
  unseen: 0,
  live: undefined,
  announced: new Set(),
}

/** Text goes in with textContent only: a post's HTML or script stays text. */
function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function renderPost(post) {
  const item = element('li', 'post')
  item.dataset.postId = post.postId
  const head = element('div', 'head')
  head.append(element('strong', '', post.author.displayName), element('span', 'handle', ` @${post.author.handle}`))
  head.append(element('time', '', new Date(post.createdAt).toLocaleTimeString()))
  const like = element('button', `like${post.likedByMe ? ' liked' : ''}`, `♥ ${post.likes}`)
  like.type = 'button'
  like.dataset.likes = String(post.likes)
  like.addEventListener('click', () => toggleLike(post, like))
  item.append(head, element('p', 'text', post.text), like)
  return item
}

function render() {
  $('feed').replaceChildren(...state.posts.map(renderPost))
  $('more').hidden = !state.cursor
  state.live?.watch(
    state.posts.map((post) => post.postId),
    state.posts[0]?.postId,
  )
}

/**
 * Loads the first page. A "new post" frame can arrive before the fan-out has written the post
 * into this reader's timeline (both read the same Kafka record), and a page may be served from
 * the api's 1 s cache: when an announced post is not on the page yet, the page asks again a
 * little later instead of showing a feed without it.
 */
async function loadFeed(attempt = 1) {
  const answer = await api.feed(undefined, state.etag, wire.begin('load the feed'))
  $('feed-status').textContent = answer.notModified ? '304 Not Modified (nothing new: page kept)' : '200 (new page)'
  state.unseen = 0
  $('banner').hidden = true
  state.live?.seen()
  if (!answer.notModified) {
    state.posts = answer.posts
    state.cursor = answer.nextCursor
    state.etag = answer.etag
    render()
  }
  for (const post of state.posts) state.announced.delete(post.postId)
  if (state.announced.size > 0 && attempt < 5) setTimeout(() => loadFeed(attempt + 1), 500 * attempt)
  else state.announced.clear()
}

async function loadMore() {
  const answer = await api.feed(state.cursor, undefined, wire.begin('load older posts'))
  state.posts.push(...answer.posts)
  state.cursor = answer.nextCursor
  render()
}

async function toggleLike(post, button) {
  try {
    const result = await api.call(
      post.likedByMe ? 'DELETE' : 'PUT',
      `/v1/posts/${post.postId}/like`,
      undefined,
      wire.begin(post.likedByMe ? 'unlike' : 'like'),
    )
    post.likedByMe = result.likedByMe
    post.likes = result.likes
    button.classList.toggle('liked', post.likedByMe)
    button.textContent = `♥ ${post.likes}`
    button.dataset.likes = String(post.likes)
  } catch (error) {
    $('post-error').textContent = error.message
  }
}

function showNewPosts(count, postId) {
  if (postId) state.announced.add(postId)
  state.unseen += count
  $('banner').textContent = `${state.unseen} new post${state.unseen === 1 ? '' : 's'} — show`
  $('banner').hidden = false
}

function showLikes(counts) {
  for (const { postId, likes } of counts) {
    const post = state.posts.find((p) => p.postId === postId)
    if (post) post.likes = likes
    const button = document.querySelector(`li[data-post-id="${postId}"] .like`)
    if (button) {
      button.textContent = `♥ ${likes}`
      button.dataset.likes = String(likes)
    }
  }
}

async function loadTrending() {
  const tags = await api.call('GET', '/v1/trending')
  $('trending').replaceChildren(...tags.map((t) => element('li', '', `#${t.tag} · ${t.count}`)))
}

async function follow(method) {
  $('follow-error').textContent = ''
  const handle = $('follow-handle').value.trim()
  try {
    const profile = await api.call(
      method,
      `/v1/users/${encodeURIComponent(handle)}/follow`,
      undefined,
      wire.begin(`${method === 'PUT' ? 'follow' : 'unfollow'} @${handle}`),
    )
    $('profile').textContent =
      `${method === 'PUT' ? 'Following' : 'Unfollowed'} @${profile.handle}: ${profile.followers} followers${profile.celebrity ? ' (a celebrity: merged into your feed at read time)' : ' (fanned out into your timeline by Kafka)'}`
  } catch (error) {
    $('follow-error').textContent = error.message
  }
}

async function start(user) {
  $('sign-in').hidden = true
  $('who').hidden = false
  $('who').textContent =
    `Signed in as ${user.displayName} (@${user.handle}) · ${user.followers} followers · following ${user.following}`
  $('app').hidden = false
  $('side').hidden = false
  state.config = await (await fetch('/config.json')).json()
  $('threshold').textContent = String(state.config.celebrityThreshold)
  state.live = new LiveUpdates({
    url: state.config.pushUrl,
    token: api.token,
    api,
    onNewPosts: showNewPosts,
    onLikes: showLikes,
    onMode: (mode) => {
      $('push-mode').textContent = mode
    },
  })
  state.live.start()
  await loadFeed()
  await loadTrending()
  setInterval(() => loadTrending().catch(() => {}), 10_000)
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault()
  $('account-error').textContent = ''
  try {
    const session = await api.call(
      'POST',
      '/v1/sessions',
      { handle: $('handle').value, password: $('password').value },
      wire.begin('sign in'),
    )
    api.setToken(session.token)
    await start(session.user)
  } catch (error) {
    $('account-error').textContent = error.message
  }
})

$('post-text').addEventListener('input', () => {
  $('post-count').textContent = `${[...$('post-text').value.trim()].length} / 280`
})

$('post').addEventListener('click', async () => {
  $('post-error').textContent = ''
  try {
    const post = await api.call('POST', '/v1/posts', { text: $('post-text').value }, wire.begin('post'))
    $('post-text').value = ''
    state.posts.unshift(post)
    render()
  } catch (error) {
    $('post-error').textContent = error.message
  }
})

$('banner').addEventListener('click', () => loadFeed())
$('more').addEventListener('click', () => loadMore())
$('follow-form').addEventListener('submit', (event) => {
  event.preventDefault()
  follow('PUT')
})
$('unfollow').addEventListener('click', () => follow('DELETE'))

// A reload keeps the session (the token is in sessionStorage, per tab).
if (api.token)
  api
    .call('GET', '/v1/me')
    .then(start)
    .catch(() => sessionStorage.removeItem('twitter.token'))
